"""One page of a book's contacts: in creation order, or found through the term index by
``q`` (word, email or phone-digit prefixes) and ``tag``, without duplicates and never with
a Scan."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from core.contacts.models import Contact
from core.contacts.ports import ContactStore
from core.contacts.terms import index_prefix, is_first_hit, matches, query_tokens
from core.pagination import Page, Position, start_of

CHUNK = 50
MAX_HITS_PER_PAGE = 1000
"""Bounds the work of one request; a sparse search returns a short page and a cursor."""


def _chunks(hits: Iterator[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    while chunk := list(islice(hits, size)):
        yield chunk


def search_page(
    contacts: ContactStore,
    book_id: str,
    q: str | None,
    tag: str | None,
    limit: int,
    at: Position | None,
) -> Page[Contact]:
    tokens = query_tokens(q)
    tag = tag.strip() if tag and tag.strip() else None
    prefix = index_prefix(tokens, tag)
    if q is not None and not tokens:
        return Page([])  # a text with nothing to search for matches nothing, not everything
    if prefix is None:
        page, last = contacts.page(book_id, limit, start_of(at, "contact_id"))
        return Page.after(page, "contact_id", last)
    found: list[Contact] = []
    seen = 0
    hits = contacts.term_hits(book_id, prefix, start_of(at, "term"))
    for chunk in _chunks(hits, CHUNK):
        by_id = contacts.get_many(book_id, [contact_id for _, contact_id in chunk])
        for term, contact_id in chunk:
            seen += 1
            contact = by_id.get(contact_id)
            token = term.rsplit("#", 1)[0]
            if contact is not None and _reported_at(contact, token, prefix, tokens, tag):
                found.append(contact)
            if len(found) == limit or seen >= MAX_HITS_PER_PAGE:
                return Page(found, {"term": term})
    return Page(found, None)


def _reported_at(
    contact: Contact, token: str, prefix: str, tokens: list[str], tag: str | None
) -> bool:
    draft = contact.draft
    return matches(draft, tokens, tag) and is_first_hit(draft, token, prefix)

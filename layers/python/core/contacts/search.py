"""One page of a book's contacts: in creation order, or found through the term index by
``q`` (word, email or phone-digit prefixes) and ``tag``, without duplicates and never with
a Scan."""

from __future__ import annotations

from core.contacts.models import Contact
from core.contacts.ports import ContactStore
from core.contacts.terms import index_prefix, is_first_hit, matches, query_tokens
from core.pagination import Page, Position, start_of
from core.term_search import collect


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
        page, after = contacts.page(book_id, limit, start_of(at, "contact_id"))
        return Page.after(page, "contact_id", after)

    def reported_at(contact: Contact, hit: tuple[str, str]) -> bool:
        token = hit[0].rsplit("#", 1)[0]
        return matches(contact.draft, tokens, tag) and is_first_hit(contact.draft, token, prefix)

    found, last_hit = collect(
        contacts.term_hits(book_id, prefix, start_of(at, "term")),
        lambda hit: hit[1],
        lambda contact_ids: contacts.get_many(book_id, contact_ids),
        reported_at,
        limit,
    )
    return Page.after([contact for contact, _ in found], "term", last_hit[0] if last_hit else None)

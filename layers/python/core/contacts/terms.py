"""The search terms of a contact, and how a search query matches them (pure).

Each term is stored as ``<term>#<contact_id>`` in the ``contact_terms`` table, so a search is
a ``begins_with`` Query on the book's partition. Words are case- and accent-folded; phones
are indexed by their digits (international and national forms); tags as ``#<tag>``.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.contacts.models import ContactDraft
from core.search_text import digits, fold, looks_like_phone, phone_forms, words

MAX_TERMS = 45
"""Per contact, so an update (old terms out, new terms in, the contact) fits one transaction."""
TAG_MARK = "#"


def tag_key(tag: str) -> str:
    return fold(tag.strip())


def _email_words(address: str) -> list[str]:
    """Words of the local part and of the domain without its top level: ``ada.king@
    analytical.co.uk`` → ada, king, analytical, co."""
    local, _, domain = address.rpartition("@")
    return words(local) + words(domain.rsplit(".", 1)[0] if "." in domain else domain)


def terms_of(draft: ContactDraft) -> tuple[str, ...]:
    """The contact's distinct terms, the most useful first, at most ``MAX_TERMS``."""
    groups: list[Iterable[str]] = [
        (TAG_MARK + tag_key(tag) for tag in draft.tags),
        words(draft.name),
        (fold(email.address) for email in draft.emails),
        (form for phone in draft.phones for form in phone_forms(phone.number)),
        words(draft.company),
        (word for email in draft.emails for word in _email_words(email.address)),
    ]
    found: dict[str, None] = {}
    for group in groups:
        for term in group:
            if term and len(found) < MAX_TERMS:
                found.setdefault(term, None)
    return tuple(found)


def query_tokens(q: str | None) -> list[str]:
    """What each part of a search text must be a prefix of (some term of the contact)."""
    text = (q or "").strip()
    if not text:
        return []
    if "@" in text:
        return [fold("".join(text.split())).lstrip(TAG_MARK)]
    if looks_like_phone(text):
        return [digits(text)]
    return words(text)


def index_prefix(tokens: list[str], tag: str | None) -> str | None:
    """The ``begins_with`` prefix to query: the tag if any, else the longest token."""
    if tag is not None:
        return TAG_MARK + tag_key(tag) + "#"
    return max(tokens, key=len) if tokens else None


def matches(draft: ContactDraft, tokens: list[str], tag: str | None) -> bool:
    terms = terms_of(draft)
    if tag is not None and TAG_MARK + tag_key(tag) not in terms:
        return False
    return all(any(term.startswith(token) for term in terms) for token in tokens)


def is_first_hit(draft: ContactDraft, term: str, prefix: str) -> bool:
    """Whether ``term`` is the one index hit (of the several a contact may have for
    ``prefix``) at which the contact is reported, so results have no duplicates."""
    hits = [t for t in terms_of(draft) if (t + "#").startswith(prefix)]
    return bool(hits) and term == min(hits)

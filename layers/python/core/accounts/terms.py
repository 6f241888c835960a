"""The term index that finds users (pure): what a user is found by, and how a search text
becomes one index query.

Entries are ``(bucket, key)`` pairs in the ``user_terms`` table, written in the same
transaction as the user:

- every word of the username (and the whole username), full name and company, folded:
  bucket ``w#<first letter>``, key ``<word>#<user_id>``; a word search is a ``begins_with``
  query on one bucket, so any prefix of any word finds the user;
- the email: bucket ``e#<email>``, key ``<user_id>``; the phone, by each of its digit forms:
  bucket ``p#<digits>``. Both are found only by the exact address or number.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.accounts.models import User
from core.accounts.rules import email_key
from core.search_text import digits, looks_like_phone, phone_forms, words

WORD, EMAIL, PHONE = "w#", "e#", "p#"
MAX_WORDS = 30
"""Per user, so a profile change (old entries out, new in, the user) fits one transaction."""
MIN_PHONE_DIGITS = 5


@dataclass(frozen=True)
class UserQuery:
    bucket: str
    prefix: str
    """What the keys of the hits begin with (``""``: the whole bucket)."""
    tokens: tuple[str, ...] = ()
    """For a word search: each must begin some word of a user found."""


def search_words(user: User) -> tuple[str, ...]:
    """The user's distinct words, the username's first, at most ``MAX_WORDS``."""
    found: dict[str, None] = {}
    for word in (user.username.lower(), *words(user.username), *words(user.full_name)):
        found.setdefault(word, None)
    for word in words(user.company):
        found.setdefault(word, None)
    return tuple(found)[:MAX_WORDS]


def index_entries(user: User) -> frozenset[tuple[str, str]]:
    entries = {(WORD + word[0], f"{word}#{user.id}") for word in search_words(user)}
    entries.add((EMAIL + email_key(user.email), user.id))
    if user.phone:
        entries |= {(PHONE + form, user.id) for form in phone_forms(user.phone) if form}
    return frozenset(entries)


def user_query(q: str) -> UserQuery:
    """The index query of a search text: an exact email, an exact phone number, or prefixes of
    words (the longest is looked up, every one must match). ``ValueError`` if ``q`` has
    nothing to search for."""
    text = q.strip()
    if "@" in text:
        return UserQuery(EMAIL + email_key("".join(text.split())), "")
    if looks_like_phone(text) and len(digits(text)) >= MIN_PHONE_DIGITS:
        return UserQuery(PHONE + digits(text), "")
    tokens = tuple(words(text))
    if not tokens:
        raise ValueError("has no letters or digits to search for")
    longest = max(tokens, key=len)
    return UserQuery(WORD + longest[0], longest, tokens)


def user_id_of(query: UserQuery, key: str) -> str:
    """The user an index key belongs to."""
    return key.rsplit("#", 1)[-1] if query.tokens else key


def reported_at(user: User, query: UserQuery, key: str) -> bool:
    """Whether the user matches, and ``key`` is the one hit (of the several a user may have
    in a word search) at which it is reported, so results have no duplicates."""
    if not query.tokens:
        return (query.bucket, key) in index_entries(user)
    mine = search_words(user)
    if not all(any(word.startswith(token) for word in mine) for token in query.tokens):
        return False
    hits = [word for word in mine if word.startswith(query.prefix)]
    return bool(hits) and key == f"{min(hits)}#{user.id}"

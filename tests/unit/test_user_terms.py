"""The user search's term index: any prefix of any word of username, full name or company
finds the user exactly once; email and phone only exactly; nothing searchable is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.accounts.models import User
from core.accounts.terms import (
    EMAIL,
    MAX_WORDS,
    PHONE,
    index_entries,
    reported_at,
    search_words,
    user_id_of,
    user_query,
)
from core.search_text import words

NOW = datetime(2026, 11, 21, tzinfo=UTC)


def user(**fields) -> User:
    values = {
        "id": "usr_1",
        "username": "ada.king",
        "email": "Ada@Example.com",
        "full_name": "Ada Lovelace",
        "company": "Analytical Engines",
        "phone": "+44 20 7946 0000",
        "bio": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    return User(**(values | fields))


def hits(found: User, q: str) -> list[str]:
    """The index keys of ``found`` a search for ``q`` reports it at."""
    query = user_query(q)
    return [
        key
        for bucket, key in index_entries(found)
        if bucket == query.bucket
        and key.startswith(query.prefix)
        and user_id_of(query, key) == found.id
        and reported_at(found, query, key)
    ]


names = st.text(
    alphabet=st.characters(categories=("L", "Nd"), include_characters=" -'"), max_size=40
)


@given(names, names, st.data())
def test_every_prefix_of_every_word_finds_the_user_once(full_name, company, data):
    someone = user(full_name=full_name, company=company)
    word = data.draw(st.sampled_from(search_words(someone)))
    prefix = word[: data.draw(st.integers(min_value=1, max_value=len(word)))]
    assume(words(prefix))  # a prefix that folds to nothing searchable is refused
    assert len(hits(someone, prefix)) == 1


@pytest.mark.parametrize(
    "q", ["ada", "KING", "ada.k", "love", "ana eng", "Lovelace Ada", "éngines", "ada.king"]
)
def test_words_are_found_by_prefix_case_and_accent_folded(q):
    assert len(hits(user(), q)) == 1


@pytest.mark.parametrize("q", ["adx", "ada babbage", "example", "7946", "co"])
def test_what_does_not_match(q):
    assert hits(user(), q) == []


def test_email_and_phone_only_exactly():
    assert len(hits(user(), " ada@example.COM ")) == 1
    assert hits(user(), "ada@example.co") == []
    assert hits(user(), "ada@") == []
    for q in ("+44 20 7946 0000", "442079460000", "020 7946 0000"):
        assert len(hits(user(), q)) == 1, q
    assert hits(user(), "+44 20 7946") == []
    assert user_query("ada@example.com").bucket == EMAIL + "ada@example.com"
    assert user_query("+1 555 0100").bucket == PHONE + "15550100"


def test_without_a_phone_there_is_no_phone_entry():
    assert not [b for b, _ in index_entries(user(phone=None)) if b.startswith(PHONE)]


@pytest.mark.parametrize("q", ["", "   ", "!!", "-", "__"])
def test_nothing_searchable_is_refused(q):
    with pytest.raises(ValueError, match="no letters"):
        user_query(q)


@given(names, names)
def test_the_index_stays_small_enough_for_one_transaction(full_name, company):
    someone = user(full_name=full_name * 5, company=company * 5)
    assert len(search_words(someone)) <= MAX_WORDS
    assert len(index_entries(someone)) <= MAX_WORDS + 5

"""Pure rules of contact fields and of JSON merge patches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.contacts.rules import check_birthday, check_phone, check_tags, merge_patch
from core.emails import check_email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1815-12-10", "1815-12-10"),
        ("18151210", "1815-12-10"),
        ("--02-29", "--02-29"),
        ("--0229", "--02-29"),
        (" 2000-02-29 ", "2000-02-29"),
    ],
)
def test_birthdays(text, expected):
    assert check_birthday(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023-02-29",
        "1990-13-01",
        "1990-00-10",
        "--02-30",
        "0000-01-01",
        "1990/01/01",
        "---0101",
        "",
        "yesterday",
    ],
)
def test_bad_birthdays(text):
    with pytest.raises(ValueError, match="date"):
        check_birthday(text)


@given(st.dates())
def test_every_real_date_is_a_birthday(day):
    assert check_birthday(day.isoformat()) == day.isoformat()


@pytest.mark.parametrize(
    "number", ["+44 20 7946 0000", "+14155552671", "+1 (415) 555-2671", "+33 1 23 45 67 89"]
)
def test_international_numbers(number):
    assert check_phone(number) == number.strip()


@pytest.mark.parametrize(
    "number", ["020 7946 0000", "12", "+1 2", "call me", "+", "+44 20 7946 0000 0000 0000"]
)
def test_bad_numbers(number):
    with pytest.raises(ValueError, match="phone"):
        check_phone(number)


@given(st.text(max_size=40))
def test_phone_check_never_crashes(text):
    try:
        check_phone(text)
    except ValueError:
        pass


def test_emails():
    assert check_email(" ada@example.com ") == "ada@example.com"
    for bad in ("ada", "ada@", "@example.com", "a b@example.com"):
        with pytest.raises(ValueError, match="email"):
            check_email(bad)


def test_tags_keep_the_first_spelling():
    assert check_tags(["VIP", "vip", "work", "Vip"]) == ["VIP", "work"]


def test_merge_patch_rfc7396_examples():
    target = {
        "title": "Goodbye!",
        "author": {"givenName": "John", "familyName": "Doe"},
        "tags": ["a", "b"],
    }
    patch = {
        "title": "Hello!",
        "phoneNumber": "+01-123-456-7890",
        "author": {"familyName": None},
        "tags": ["c"],
    }
    assert merge_patch(target, patch) == {
        "title": "Hello!",
        "author": {"givenName": "John"},
        "tags": ["c"],
        "phoneNumber": "+01-123-456-7890",
    }
    assert merge_patch({"a": "b"}, {"a": {"b": None}}) == {"a": {}}
    assert merge_patch({"a": [1]}, [2]) == [2]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=10,
)
objects = st.dictionaries(st.text(max_size=3), json_values, max_size=4)


@given(objects, objects)
def test_merge_patch_properties(target, patch):
    merged = merge_patch(target, patch)
    for key, value in patch.items():
        if value is None:
            assert key not in merged
        elif not isinstance(value, dict):
            assert merged[key] == value
    for key in set(target) - set(patch):
        assert merged[key] == target[key]
    assert merge_patch(merged, patch) == merged  # applying a patch twice changes nothing more
    assert merge_patch(target, {}) == target

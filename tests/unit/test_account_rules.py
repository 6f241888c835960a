from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.accounts import rules
from core.emails import check_email


@given(st.from_regex(r"[a-zA-Z0-9_.]{3,30}", fullmatch=True))
def test_usernames_of_allowed_characters_pass_and_normalise_to_lowercase(name):
    assert rules.check_username(name) == name.lower()


@pytest.mark.parametrize("name", ["ab", "a" * 31, "has space", "dash-ed", "émile", ""])
def test_bad_usernames_fail(name):
    with pytest.raises(ValueError, match="3-30"):
        rules.check_username(name)


def test_emails_are_validated_and_keyed_case_insensitively():
    assert check_email("Ada@Example.com") == "Ada@example.com"
    assert rules.email_key("Ada@Example.COM") == "ada@example.com"
    with pytest.raises(ValueError, match="valid email"):
        check_email("ada@")


def test_phones_must_look_like_phone_numbers():
    assert rules.check_phone(" +44 (20) 7946-0000 ") == "+44 (20) 7946-0000"
    with pytest.raises(ValueError, match="phone number"):
        rules.check_phone("call me maybe")

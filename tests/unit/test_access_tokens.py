from __future__ import annotations

import pytest

from core.auth.tokens import AccessTokens
from core.errors import Unauthenticated
from tests.support.tokens import BAD_TOKENS, TEST_SECRET, valid_token


def test_a_valid_token_names_its_principal():
    principal = AccessTokens(TEST_SECRET).verify(valid_token("usr_1", "ada"))
    assert (principal.user_id, principal.username) == ("usr_1", "ada")


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_refused(kind):
    with pytest.raises(Unauthenticated) as refused:
        AccessTokens(TEST_SECRET).verify(BAD_TOKENS[kind]("usr_1"))
    expected = "token_expired" if kind == "expired" else "invalid_token"
    assert refused.value.code == expected


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="32 bytes"):
        AccessTokens(b"short")


def test_access_tokens_live_fifteen_minutes():
    assert AccessTokens(TEST_SECRET).ttl.total_seconds() == 900

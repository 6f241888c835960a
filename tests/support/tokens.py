"""Access tokens for tests: valid ones signed with the test secret, and every kind of bad one."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from core.auth.principal import Principal
from core.auth.tokens import AccessTokens
from core.clock import utc_now

TEST_SECRET = ("test-signing-secret-" + "x" * 48).encode()


def valid_token(user_id: str, username: str = "tester", secret: bytes = TEST_SECRET) -> str:
    return AccessTokens(secret).issue(Principal(user_id, username), utc_now())


def expired_token(user_id: str, secret: bytes = TEST_SECRET) -> str:
    return AccessTokens(secret).issue(Principal(user_id, "tester"), utc_now() - timedelta(hours=1))


def forged_token(user_id: str) -> str:
    """Well-formed, but signed with a secret the server does not know."""
    return valid_token(user_id, secret=b"an-attacker-secret-of-sufficient-length!!")


def unsigned_token(user_id: str) -> str:
    """``alg: none``: claims that a server with a pinned algorithm must refuse."""

    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    now = int(utc_now().timestamp())
    claims = {
        "iss": "addressbook",
        "sub": user_id,
        "username": "tester",
        "iat": now,
        "exp": now + 900,
        "typ": "access",
    }
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


BAD_TOKENS = {
    "expired": expired_token,
    "forged": forged_token,
    "alg_none": unsigned_token,
    "garbage": lambda user_id: "not.a.jwt",
}

"""Schemathesis hooks for ``make test-api`` (loaded through ``SCHEMATHESIS_HOOKS``): every
request carries a fresh access token of the run's user, signed with the runtime's own
signing secret (``API_TEST_SECRET_FILE``). Not a login or a refresh: the generated requests
include ``POST /auth/logout`` (which ends the user's sessions) and wrong logins (which lock
``/auth/login`` out for this address)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import schemathesis

from core.auth.principal import Principal
from core.auth.tokens import AccessTokens


@schemathesis.auth(refresh_interval=300)
class BearerToken:
    def get(self, case: Any, context: Any) -> str:
        tokens = AccessTokens(Path(os.environ["API_TEST_SECRET_FILE"]).read_bytes().strip())
        principal = Principal(os.environ["API_TEST_USER_ID"], os.environ["API_TEST_USERNAME"])
        return tokens.issue(principal, datetime.now(UTC))

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


_issued_cursors: set[str] = set()
"""Every ``next_cursor`` the server has answered with in this run."""


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    try:
        body = response.json()
    except ValueError:
        return
    if isinstance(body, dict) and isinstance(body.get("next_cursor"), str):
        _issued_cursors.add(body["next_cursor"])


def positive_case(case: Any) -> bool:
    return case.meta is not None and str(case.meta.generation.mode.value) == "positive"


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """A cursor is minted and signed by the server: one generated from its schema is a
    forgery, which the contract answers with 400. So a positive (schema-valid) case keeps
    only cursors the server issued; negative cases and the forged-cursor tests of
    ``tests/integration`` keep checking forgeries."""
    headers = case.headers or {}
    if positive_case(case) and headers.get("If-Match", "*") != "*":
        # An entity tag is the server's too: a generated one matches no version (412).
        case.headers = {name: value for name, value in headers.items() if name != "If-Match"}
    query = case.query or {}
    if positive_case(case) and "cursor" in query and query["cursor"] not in _issued_cursors:
        case.query = {name: value for name, value in query.items() if name != "cursor"}

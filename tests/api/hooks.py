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

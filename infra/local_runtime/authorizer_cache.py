"""API Gateway's authorizer result cache: a TOKEN authorizer's policy, kept per token for
the authorizer's TTL (``@app.authorizer(ttl_seconds=...)``; API Gateway's default is 300 s,
0 turns caching off). A cached policy is judged again for each request's method ARN, as
on AWS, so a policy naming only the first resource refuses the others for the TTL."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

DEFAULT_TTL_SECONDS = 300
"""What API Gateway uses when the authorizer declares no ``authorizerResultTtlInSeconds``."""

_PRUNE_ABOVE = 1024


def ttl_of(authorizer: Any) -> int:
    ttl = getattr(getattr(authorizer, "config", None), "ttl_seconds", None)
    return DEFAULT_TTL_SECONDS if ttl is None else int(ttl)


class AuthorizerCache:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._entries: dict[tuple[str, str], tuple[float, Any]] = {}

    def get(self, authorizer: str, token: str) -> Any | None:
        """The result cached for ``token``, or None if there is none (or it expired)."""
        entry = self._entries.get((authorizer, token))
        if entry is None:
            return None
        expires, result = entry
        if self._clock() >= expires:
            del self._entries[(authorizer, token)]
            return None
        return result

    def put(self, authorizer: str, token: str, result: Any, ttl_seconds: int) -> None:
        if ttl_seconds <= 0:
            return
        now = self._clock()
        if len(self._entries) >= _PRUNE_ABOVE:
            self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
        self._entries[(authorizer, token)] = (now + ttl_seconds, result)

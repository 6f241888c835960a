"""The real app with one fault injected, for the broadcaster's retry test (run by its own
embedded runtime: ``--app-module tests.e2e.flaky_app``).

The first time the broadcaster fans out an event about a contact whose name starts with
"Flaky", the management API "answers 503" for one connection (that post is withheld, as if
both tries had failed). Production code is untouched; only this test app patches it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from app import app
from core.realtime import fanout, poster

__all__ = ["app"]

_post_all = poster.ConnectionPoster.post_all
_failed_once: set[str] = set()


def _flaky_post_all(
    self: poster.ConnectionPoster, batches: Iterable[Sequence[str]], frame: str
) -> dict[str, fanout.PostResult]:
    event = json.loads(frame)
    if not str(event["data"].get("name", "")).startswith("Flaky") or event["id"] in _failed_once:
        return _post_all(self, batches, frame)
    _failed_once.add(event["id"])
    ids = [connection_id for batch in batches for connection_id in batch]
    results = _post_all(self, [ids[1:]], frame)
    results[ids[0]] = poster.PostFailed(503, "ServiceUnavailableException")
    return results


poster.ConnectionPoster.post_all = _flaky_post_all  # type: ignore[method-assign]

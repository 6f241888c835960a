"""The ``Idempotency-Key`` header on create routes (``ApiRoutes.route(idempotent=True)``):
the same key and request from the same caller within 24 h returns the first response (status,
body and headers, plus ``Idempotent-Replayed: true``) and creates nothing new; the same key
with a different request (method, path or body bytes) is a 409 ``idempotency_key_reused``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from core.errors import BadRequest

HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PATTERN = "^[!-~]{1,255}$"
"""1-255 visible ASCII characters (declared in OpenAPI)."""
_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def replay_or_run(
    caller: str,
    key: str | None,
    request_fingerprint: str,
    run: Callable[[], Response],
    lambda_context: Any = None,
) -> Response:
    if key is None:
        return run()
    if not _KEY.fullmatch(key):
        raise BadRequest(
            f"The {HEADER} header must be 1-255 visible ASCII characters.",
            code="invalid_idempotency_key",
        )
    from functions.api.wiring import services

    def first() -> dict[str, object]:
        response = run()
        body = response.body if isinstance(response.body, str) else str(response.body or "")
        return {"status": response.status_code, "body": body, "headers": dict(response.headers)}

    stored, replayed = services().idempotent_creates.once(
        caller, key, request_fingerprint, first, lambda_context
    )
    headers = {**stored["headers"], **({"Idempotent-Replayed": "true"} if replayed else {})}
    return Response(body=stored["body"], status_code=int(stored["status"]), headers=headers)


def idempotent_reply(
    request: Request, caller: str, operation: str, raw: bytes, run: Callable[[], Response]
) -> Response:
    """``run``'s response, or the stored one for a repeated ``Idempotency-Key``;
    ``operation`` is ``"<method> <concrete path>"``."""
    method, _, path = operation.partition(" ")
    return replay_or_run(
        caller,
        request.headers.get("idempotency-key"),
        fingerprint(method, path, raw),
        run,
        request.lambda_context,
    )

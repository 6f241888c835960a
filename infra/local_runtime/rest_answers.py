"""The REST gateway's own answers and request details: bodies up to API Gateway's limit,
CORS preflights, 405s, and the ``X-Forwarded-*`` headers API Gateway adds."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from infra.local_runtime.gateway_errors import error_response
from infra.local_runtime.rest_events import MAX_PAYLOAD_BYTES, HttpRequest

log = logging.getLogger("local_runtime.rest")


async def read_body(request: web.Request) -> bytes | None:
    """The request body, or None if it is over API Gateway's 10 MB limit."""
    if request.content_length is not None and request.content_length > MAX_PAYLOAD_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > MAX_PAYLOAD_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def wrong_method(http: HttpRequest, methods: Any) -> web.Response:
    """405 with ``Allow``. (API Gateway itself answers an undeclared method like an
    unknown route; the embedded runtime tells the developer what the route accepts.)"""
    allowed = ", ".join(sorted(methods))
    response = error_response(
        405,
        "method_not_allowed",
        f"{http.method} is not allowed here; use {allowed}.",
        http.request_id,
    )
    response.headers["Allow"] = allowed
    log.info("%s %s -> 405 (allowed: %s)", http.method, http.path, allowed)
    return response


def preflight(request: web.Request, methods: Any) -> web.Response | None:
    """Chalice deploys a mock ``OPTIONS`` method answering CORS preflights."""
    cors = next((entry.cors for entry in methods.values() if entry.cors), None)
    if request.method != "OPTIONS" or cors is None:
        return None
    headers = {
        "Access-Control-Allow-Methods": ",".join([*sorted(methods), "OPTIONS"]),
        **cors.get_access_control_headers(),
    }
    return web.Response(status=200, headers=headers)


def forwarded_headers(request: web.Request) -> list[tuple[str, str]]:
    headers = list(request.headers.items())
    present = {name.lower() for name, _ in headers}
    port = str(request.url.port or 80)
    for name, value in (
        ("X-Forwarded-For", request.remote or "127.0.0.1"),
        ("X-Forwarded-Port", port),
        ("X-Forwarded-Proto", request.scheme),
    ):
        if name.lower() not in present:
            headers.append((name, value))
    return headers

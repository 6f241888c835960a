"""The HTTP server's own refusals in the contract's error body.

aiohttp answers a request it cannot parse (a request line over 8,190 bytes, too many or too
large headers, a malformed line) in plain text, before any handler runs. API Gateway answers
such requests too, and the contract wants every error as ``{"error": {...}}``: the runner
below makes aiohttp's request handler answer 4xx refusals that way (5xx stay aiohttp's own).
"""

from __future__ import annotations

import uuid
from http import HTTPStatus
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from infra.local_runtime.gateway_errors import error_response

CODES = {
    413: "payload_too_large",
    414: "uri_too_long",
    431: "headers_too_large",
}


def refusal(status: int, exc: BaseException | None, message: str | None) -> web.Response:
    """A 4xx from the HTTP layer, in the contract's shape, naming what was wrong."""
    detail = getattr(exc, "message", None) or message or HTTPStatus(status).phrase
    text = f"The request cannot be read: {str(detail).strip().rstrip('.')}."
    response = error_response(status, CODES.get(status, "bad_request"), text, str(uuid.uuid4()))
    response.force_close()
    return response


class ContractRequestHandler(RequestHandler):
    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if not 400 <= status < 500 or request.writer.output_size > 0:
            return super().handle_error(request, status, exc, message)
        self.log_debug("refused a request from %s: %s", request.remote, exc or message)
        return refusal(status, exc, message)


class _ContractServer(web.Server):
    def __call__(self) -> RequestHandler:
        return ContractRequestHandler(self, loop=self._loop, **self._kwargs)


class ContractAppRunner(web.AppRunner):
    """``web.AppRunner`` whose connections answer parse errors as ``refusal`` does."""

    async def _make_server(self) -> web.Server:
        server: Any = await super()._make_server()
        server.__class__ = _ContractServer  # only ``__call__`` differs: no state to add
        return server  # type: ignore[no-any-return]

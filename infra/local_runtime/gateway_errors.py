"""The gateways' own error answers, in the contract's body
(``{"error": {"code", "message", "details": []}}``).

REST errors are API Gateway's gateway responses, taken from the table the packaged API is
built with (``infra.template.gateway_responses``), so the runtime and AWS answer alike. They
are resolved as API Gateway resolves them: the response type's own entry, else
``DEFAULT_4XX`` / ``DEFAULT_5XX``; the entry's status if it sets one, else API Gateway's.
"""

from __future__ import annotations

import json

from aiohttp import web

from core.adapters.errors import error_body
from infra.template.gateway_responses import GATEWAY_ERRORS, GatewayError

DEFAULT_STATUS = {
    "UNAUTHORIZED": 401,
    "ACCESS_DENIED": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "REQUEST_TOO_LARGE": 413,
    "THROTTLED": 429,
    "AUTHORIZER_CONFIGURATION_ERROR": 500,
    "AUTHORIZER_FAILURE": 500,
    "INTEGRATION_FAILURE": 504,
    "INTEGRATION_TIMEOUT": 504,
}
"""API Gateway's status for each response type it may answer with here."""

LAMBDA_ERROR = "DEFAULT_5XX"
"""A function that fails or returns no proxy response: a 502 with no type of its own."""

ERROR_TYPES = {
    "UNAUTHORIZED": "UnauthorizedException",
    "ACCESS_DENIED": "AccessDeniedException",
    "MISSING_AUTHENTICATION_TOKEN": "MissingAuthenticationTokenException",
    "AUTHORIZER_CONFIGURATION_ERROR": "AuthorizerConfigurationException",
}
"""API Gateway's ``x-amzn-ErrorType`` header, where it sends one."""


def _entry(response_type: str) -> GatewayError | None:
    return next((e for e in GATEWAY_ERRORS if e.response_type == response_type), None)


def resolve(response_type: str, status: int | None = None) -> tuple[GatewayError, int]:
    """The gateway response API Gateway uses for ``response_type``, and its status."""
    status = status or DEFAULT_STATUS[response_type]
    family = "DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX"
    error = _entry(response_type) or _entry(family)
    if error is None:
        raise LookupError(f"infra.template.gateway_responses has no {response_type} or {family}")
    return error, error.status or status


def rest_error(response_type: str, request_id: str, status: int | None = None) -> web.Response:
    error, status = resolve(response_type, status)
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
    if response_type in ERROR_TYPES:
        headers["x-amzn-ErrorType"] = ERROR_TYPES[response_type]
    return web.Response(
        status=status, body=json.dumps(error.body()).encode(), headers={**headers, **error.headers}
    )


def error_response(status: int, code: str, message: str, request_id: str) -> web.Response:
    """An answer of the runtime's own (the WebSocket handshake's refusals)."""
    return web.Response(
        status=status,
        body=json.dumps(error_body(code, message)).encode(),
        headers={"Content-Type": "application/json", "x-amzn-RequestId": request_id},
    )

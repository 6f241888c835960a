"""HTTP middleware of the REST function (cheap to import: every function loads app.py)."""

from __future__ import annotations

import json
from collections.abc import Callable

from chalice.app import Request, Response

from core.adapters.errors import error_body

_CHALICE_CODES = {
    "MethodNotAllowedError": "method_not_allowed",
    "UnsupportedMediaType": "unsupported_media_type",
    "InternalServerError": "internal_error",
    "BadRequest": "bad_request",
}


def contract_error_bodies(event: Request, get_response: Callable[[Request], Response]) -> Response:
    """Chalice's own error bodies (``{"Code", "Message"}``) in the contract's shape."""
    response = get_response(event)
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body:
        code = _CHALICE_CODES.get(str(body["Code"]), "error")
        response.body = json.dumps(error_body(code, str(body.get("Message", ""))))
        response.headers["Content-Type"] = "application/json"
    return response

"""The one place that maps domain errors to HTTP statuses and to WebSocket ``error`` events."""

from __future__ import annotations

from typing import Any

from core.errors import (
    BadRequest,
    Conflict,
    DomainError,
    FieldProblem,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)

_STATUS: dict[type[DomainError], int] = {
    BadRequest: 400,
    ValidationFailed: 422,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    PreconditionFailed: 412,
    PayloadTooLarge: 413,
    RateLimited: 429,
}


def http_status_of(error: DomainError) -> int:
    for kind in type(error).__mro__:
        if kind in _STATUS:
            return _STATUS[kind]
    return 400


def error_body(code: str, message: str, details: tuple[FieldProblem, ...] = ()) -> dict[str, Any]:
    """The contract's error body: ``{"error": {"code", "message", "details"}}``."""
    return {
        "error": {
            "code": code,
            "message": message,
            "details": [problem.as_dict() for problem in details],
        }
    }


def http_error(error: DomainError) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Status, body and extra headers of the HTTP response for ``error``."""
    headers = {}
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after_seconds)
    return http_status_of(error), error_body(error.code, error.message, error.details), headers


def websocket_error_event(error: DomainError) -> dict[str, Any]:
    """The WebSocket frame for ``error``: ``{"type": "error", "data": {"code", "message"}}``."""
    data: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.details:
        data["details"] = [problem.as_dict() for problem in error.details]
    return {"type": "error", "data": data}

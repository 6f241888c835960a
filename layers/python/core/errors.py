"""Every error the domain raises. Handlers map them to HTTP statuses and WebSocket events
in one place (``core.adapters.errors``); nothing else catches them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one input field; ``field`` is a dotted path such as ``phones.0.number``."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class DomainError(Exception):
    code = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: tuple[FieldProblem, ...] | list[FieldProblem] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = tuple(details)


class BadRequest(DomainError):
    """Malformed input: not JSON, a forged cursor, an unsupported value."""

    code = "bad_request"


class ValidationFailed(DomainError):
    """Well-formed input whose fields break the rules; ``details`` names each field."""

    code = "validation_failed"


class Unauthenticated(DomainError):
    code = "unauthorized"


class Forbidden(DomainError):
    code = "forbidden"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class PreconditionFailed(DomainError):
    code = "precondition_failed"


class PayloadTooLarge(DomainError):
    code = "payload_too_large"


class RateLimited(DomainError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds

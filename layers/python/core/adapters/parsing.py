"""Turning raw JSON text into typed request models, with every bad field named."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from core.errors import BadRequest, FieldProblem, ValidationFailed

M = TypeVar("M", bound=BaseModel)


def problems_of(error: ValidationError) -> list[FieldProblem]:
    problems = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"]) or "body"
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(FieldProblem(field, message))
    return problems


def validate(model: type[M], data: Any, what: str = "body") -> M:
    """``model`` built from ``data``; ``ValidationFailed`` naming each bad field."""
    if not isinstance(data, Mapping):
        raise BadRequest(f"The {what} must be a JSON object.", code="invalid_body")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error)
        summary = "; ".join(f"{p.field}: {p.message}" for p in problems[:3])
        raise ValidationFailed(f"Invalid {what}: {summary}", details=problems) from None


def parse_json(text: str | bytes | None) -> Any:
    if text is None or (isinstance(text, str | bytes) and not text.strip()):
        return {}
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The body is not valid JSON.", code="invalid_json") from None

"""Turning raw JSON text into typed request models, with every bad field named."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from core.errors import BadRequest, FieldProblem, ValidationFailed

M = TypeVar("M", bound=BaseModel)

MAX_JSON_DEPTH = 32
"""How deeply arrays and objects may nest in a request body or a WebSocket frame (the
deepest valid input is about 4): deeper input is refused before it is parsed, so no parse
or validation ever recurses without bound."""

_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


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


def parse_json(text: str | bytes | None, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The JSON value of a request body or frame (``{}`` when there is none): the one parser
    of REST bodies and WebSocket frames. ``BadRequest`` when it is not JSON, not UTF-8, or
    nests more than ``max_depth`` arrays and objects."""
    if text is None or (isinstance(text, str | bytes) and not text.strip()):
        return {}
    try:
        if isinstance(text, bytes):
            text = text.decode(json.detect_encoding(text))
        check_depth(text, max_depth)
        return json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The body is not valid JSON.", code="invalid_json") from None


def check_depth(text: str, max_depth: int = MAX_JSON_DEPTH) -> None:
    """``BadRequest`` if the arrays and objects of the JSON ``text`` nest deeper than
    ``max_depth`` (brackets inside strings do not count)."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token == "[" or token == "{":
            depth += 1
            if depth > max_depth:
                raise BadRequest(
                    f"The JSON nests deeper than {max_depth} levels.", code="json_too_deep"
                )
        elif token == "]" or token == "}":
            depth -= 1

"""A view's result as a Chalice ``Response``, and domain errors in the contract's error body."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Response
from pydantic import BaseModel

from core.adapters.errors import http_error
from core.errors import DomainError

JSON = "application/json"


@dataclass(frozen=True)
class Reply:
    """A view's answer when the route's default status or plain body is not enough."""

    body: BaseModel | Mapping[str, Any] | list[Any] | str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="json")
    all_headers: dict[str, str | list[str]] = {"Content-Type": JSON, **(headers or {})}
    if body is None:
        return Response(body="", status_code=status, headers={**(headers or {})})
    text = body if isinstance(body, str) else json.dumps(body, separators=(",", ":"))
    return Response(body=text, status_code=status, headers=all_headers)


def view_response(result: Any, status: int) -> Response:
    """A view's result as a response: a ``Response`` as is, a ``Reply`` with its own status
    and headers, ``None`` as 204, anything else as JSON with the route's status."""
    if isinstance(result, Response):
        return result
    if isinstance(result, Reply):
        return json_response(result.status or status, result.body, result.headers)
    return json_response(204 if result is None else status, result)


def domain_error_response(error: DomainError) -> Response:
    status, body, headers = http_error(error)
    return json_response(status, body, headers)

"""What a view gets of its request, by the names of its parameters: path parameters,
``body`` and ``query`` (validated with the route's models), ``principal`` (the caller the
authorizer let in), ``request`` (headers and raw body) and ``expected`` (the versions
``If-Match`` accepts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chalice.app import Request
from pydantic import BaseModel

from core.adapters.parsing import parse_json, validate
from core.auth.principal import Principal
from core.errors import BadRequest, PayloadTooLarge, Unauthenticated
from functions.api.responses import JSON
from functions.api.versioning import expected_versions

ANONYMOUS_CALLER = "anonymous"


@dataclass(frozen=True)
class RequestMeta:
    """What views may read of the request besides its body and query."""

    headers: Mapping[str, str]
    raw_body: bytes
    content_type: str
    source_ip: str | None = None
    """The client's address as API Gateway saw it (``requestContext.identity.sourceIp``)."""


def principal_of(request: Request) -> Principal:
    authorizer = (request.context or {}).get("authorizer") or {}
    user_id = authorizer.get("user_id") or authorizer.get("principalId")
    if not user_id:
        raise Unauthenticated("No authenticated caller.")
    return Principal(user_id=str(user_id), username=str(authorizer.get("username", "")))


def caller_of(request: Request, public: bool) -> str:
    """Whose request it is; public routes (registration) share one anonymous caller."""
    return ANONYMOUS_CALLER if public else principal_of(request).user_id


def raw_body(request: Request, limit: int) -> bytes:
    body = request.raw_body or b""
    raw = body.encode() if isinstance(body, str) else body
    if len(raw) > limit:
        raise PayloadTooLarge(f"The body is larger than the limit of {limit:,} bytes.")
    return raw


def arguments(
    request: Request,
    accepts: set[str],
    path_params: Mapping[str, str],
    raw: bytes,
    body: type[BaseModel] | None,
    query: type[BaseModel] | None,
) -> dict[str, Any]:
    """The view's arguments, for the parameters it ``accepts``."""
    kwargs: dict[str, Any] = dict(path_params)
    if body is not None:
        if not raw.strip():
            raise BadRequest("This request needs a JSON body.", code="missing_body")
        kwargs["body"] = validate(body, parse_json(raw), "body")
    if query is not None:
        kwargs["query"] = validate(query, dict(request.query_params or {}), "query")
    if "principal" in accepts:
        kwargs["principal"] = principal_of(request)
    headers = {name.lower(): value for name, value in request.headers.items()}
    if "request" in accepts:
        source_ip = ((request.context or {}).get("identity") or {}).get("sourceIp")
        content_type = request.headers.get("content-type", JSON)
        kwargs["request"] = RequestMeta(headers, raw, content_type, source_ip)
    if "expected" in accepts:
        kwargs["expected"] = expected_versions(headers)
    return kwargs

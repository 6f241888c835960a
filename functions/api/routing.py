"""Declaring REST routes: parse and validate, take the principal, call the view, shape the
response, and map domain errors to the contract's error body in one place.

Every route is recorded as a ``RouteDoc`` so the OpenAPI document is generated from the
same models the handlers validate with.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel

from core.adapters.errors import http_error
from core.adapters.parsing import parse_json, validate
from core.auth.principal import Principal
from core.errors import BadRequest, DomainError, PayloadTooLarge, Unauthenticated
from functions.api.authorizer import jwt_authorizer

JSON = "application/json"
MAX_JSON_BODY_BYTES = 1024 * 1024
ANONYMOUS_CALLER = "anonymous"


@dataclass(frozen=True)
class Reply:
    """A view's answer when the route's default status or plain body is not enough."""

    body: BaseModel | Mapping[str, Any] | list[Any] | str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RouteDoc:
    method: str
    path: str
    summary: str
    tag: str
    status: int
    public: bool
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    errors: tuple[int, ...]
    request_content_types: tuple[str, ...]
    response_content_type: str
    headers: tuple[str, ...]
    name: str = ""
    """The view's name: the operation's id in the OpenAPI document."""


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


class ApiRoutes:
    """A Chalice blueprint whose routes validate input and are documented."""

    def __init__(self, import_name: str, tag: str) -> None:
        self.blueprint = Blueprint(import_name)
        self.tag = tag
        self.docs: list[RouteDoc] = []

    def route(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        status: int = 200,
        body: type[BaseModel] | None = None,
        query: type[BaseModel] | None = None,
        response: type[BaseModel] | None = None,
        public: bool = False,
        errors: tuple[int, ...] = (),
        content_types: tuple[str, ...] = (JSON,),
        response_content_type: str = JSON,
        headers: tuple[str, ...] = (),
        max_body_bytes: int = MAX_JSON_BODY_BYTES,
        idempotent: bool = False,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """``idempotent``: a create route honouring the ``Idempotency-Key`` header (see
        ``functions.api.idempotency``)."""
        if idempotent:
            headers = (*headers, "Idempotency-Key")

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            accepts = set(inspect.signature(view).parameters)

            def endpoint(**path_params: str) -> Response:
                request = self.blueprint.current_request
                try:
                    kwargs: dict[str, Any] = dict(path_params)
                    raw_body = request.raw_body or b""
                    raw = raw_body.encode() if isinstance(raw_body, str) else raw_body
                    if len(raw) > max_body_bytes:
                        raise PayloadTooLarge(
                            f"The body is larger than the limit of {max_body_bytes:,} bytes."
                        )
                    if body is not None:
                        if not raw.strip():
                            raise BadRequest("This request needs a JSON body.", code="missing_body")
                        kwargs["body"] = validate(body, parse_json(raw), "body")
                    if query is not None:
                        kwargs["query"] = validate(query, dict(request.query_params or {}), "query")
                    if "principal" in accepts:
                        kwargs["principal"] = principal_of(request)
                    if "request" in accepts:
                        kwargs["request"] = RequestMeta(
                            headers={k.lower(): v for k, v in request.headers.items()},
                            raw_body=raw,
                            content_type=request.headers.get("content-type", JSON),
                            source_ip=((request.context or {}).get("identity") or {}).get(
                                "sourceIp"
                            ),
                        )
                    if idempotent:
                        return _idempotent(request, path_params, raw, lambda: view(**kwargs))
                    result = view(**kwargs)
                except DomainError as error:
                    return domain_error_response(error)
                return view_response(result, status)

            def _idempotent(
                request: Request, params: dict[str, str], raw: bytes, run: Callable[[], Any]
            ) -> Response:
                from functions.api.idempotency import fingerprint, replay_or_run

                key = request.headers.get("idempotency-key")
                concrete = path.format(**params)
                # Public routes (registration) share one scope: clients send random keys.
                caller = ANONYMOUS_CALLER if public else principal_of(request).user_id
                return replay_or_run(
                    caller,
                    key,
                    fingerprint(method, concrete, raw),
                    lambda: view_response(run(), status),
                    request.lambda_context,
                )

            endpoint.__name__ = view.__name__
            endpoint.__doc__ = view.__doc__
            self.blueprint.route(
                path,
                methods=[method],
                authorizer=None if public else jwt_authorizer,
                content_types=list(content_types),
            )(endpoint)
            self.docs.append(
                RouteDoc(
                    method,
                    path,
                    summary,
                    self.tag,
                    status,
                    public,
                    body,
                    query,
                    response,
                    errors,
                    content_types,
                    response_content_type,
                    headers,
                    view.__name__,
                )
            )
            return view

        return register

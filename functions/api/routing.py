"""Declaring REST routes: parse and validate, take the principal, call the view, shape the
response, and map domain errors to the contract's error body in one place.

What a view gets is chosen by its parameter names: path parameters, ``body`` and ``query``
(validated with the route's models), ``principal`` (the authorizer's caller), ``request``
(headers and raw body), ``expected`` (the versions ``If-Match`` accepts) and, on a list
route (``ApiRoutes.list``), ``at`` (where the page starts, from the verified cursor); a list
view returns a ``Page``. Every route is recorded as a ``RouteDoc`` so the OpenAPI document is
generated from the same models the handlers validate with.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Response
from pydantic import BaseModel

from core.errors import DomainError
from functions.api.authorizer import jwt_authorizer
from functions.api.idempotency import idempotent_reply
from functions.api.lists import item_shape, listed
from functions.api.requests import RequestMeta, arguments, caller_of, raw_body
from functions.api.responses import JSON, Reply, domain_error_response, view_response
from functions.api.route_docs import RouteDoc
from functions.api.schemas.lists import ListQuery
from functions.api.versioning import IF_MATCH

__all__ = ["JSON", "ApiRoutes", "Reply", "RequestMeta", "RouteDoc"]

MAX_JSON_BODY_BYTES = 1024 * 1024
LIST_ERRORS = (400, 401, 422)
"""A forged cursor, no caller, a bad ``limit``."""


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
        items: Callable[[Any], BaseModel] | None = None,
        public: bool = False,
        errors: tuple[int, ...] = (),
        content_types: tuple[str, ...] = (JSON,),
        response_content_type: str = JSON,
        headers: tuple[str, ...] = (),
        max_body_bytes: int = MAX_JSON_BODY_BYTES,
        idempotent: bool = False,
        also: tuple[int, ...] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """``items``: a list route; it shapes each item of the view's ``Page`` into the
        ``response`` model's ``items``. ``idempotent``: a create route honouring the
        ``Idempotency-Key`` header (see ``functions.api.idempotency``). ``also``: other
        success statuses the view may answer with (a ``Reply``)."""
        if idempotent:
            headers = (*headers, "Idempotency-Key")

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            accepts = set(inspect.signature(view).parameters)
            documented = (*headers, IF_MATCH) if "expected" in accepts else headers
            if items is not None and (response is None or query is None or "at" not in accepts):
                raise TypeError(f"{view.__name__}: a list route needs query, response and `at`")

            def endpoint(**path_params: str) -> Response:
                request = self.blueprint.current_request
                try:
                    raw = raw_body(request, max_body_bytes)
                    kwargs = arguments(request, accepts, path_params, raw, body, query)
                    if items is not None and response is not None:
                        return view_response(
                            listed(request, path, path_params, kwargs, view, response, items),
                            status,
                        )
                    if idempotent:
                        return idempotent_reply(
                            request,
                            caller_of(request, public),
                            f"{method} {path.format(**path_params)}",
                            raw,
                            lambda: view_response(view(**kwargs), status),
                        )
                    result = view(**kwargs)
                except DomainError as error:
                    return domain_error_response(error)
                return view_response(result, status)

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
                    documented,
                    view.__name__,
                    also,
                )
            )
            return view

        return register

    def list(
        self,
        path: str,
        *,
        summary: str,
        response: type[BaseModel],
        query: type[ListQuery] = ListQuery,
        errors: tuple[int, ...] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A ``GET`` list route: the view takes ``query`` and ``at`` and returns a ``Page``;
        ``response`` is ``{items: list[Out], next_cursor}``, each item shaped by ``Out.of``."""
        shape, statuses = item_shape(response), tuple(sorted({*LIST_ERRORS, *errors}))
        return self.route(
            "GET",
            path,
            summary=summary,
            query=query,
            response=response,
            items=shape,
            errors=statuses,
        )

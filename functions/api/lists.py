"""List routes: the view takes ``at`` (where its page starts, ``None`` for the first page)
and returns a ``Page``; here cursors become positions and pages ``{items, next_cursor}``.

A cursor is signed and bound to the caller and the query that produced it (route, path
parameters and filters; not the page size): anything else is a 400 ``invalid_cursor``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args

from chalice.app import Request
from pydantic import BaseModel

from core.pagination import Page, Position, binding_of
from functions.api.requests import caller_of
from functions.api.schemas.lists import ListQuery
from functions.api.wiring import services

T = TypeVar("T")


def item_shape(response: type[BaseModel]) -> Callable[[Any], BaseModel]:
    """``Out.of`` of a list response model ``{items: list[Out], next_cursor}``."""
    (item,) = get_args(response.model_fields["items"].annotation)
    shape: Callable[[Any], BaseModel] = item.of
    return shape


def cursor_binding(
    caller: str, route: str, path_params: Mapping[str, str], query: ListQuery
) -> str:
    filters = query.model_dump(mode="json", exclude={"cursor", "limit"})
    parameters = [path_params[name] for name in sorted(path_params)]
    return binding_of(caller, route, *parameters, *(filters[name] for name in sorted(filters)))


def position_of(cursor: str | None, binding: str) -> Position | None:
    """Where the page asked for starts (``None``: at the beginning)."""
    return None if cursor is None else services().cursors.decode(cursor, binding)


def page_reply(
    page: Page[T], binding: str, response: type[BaseModel], shape: Callable[[T], BaseModel]
) -> BaseModel:
    """The page as ``response`` (a model of ``items`` and ``next_cursor``), each item shaped."""
    return response(
        items=[shape(item) for item in page.items],
        next_cursor=services().cursors.encode_page_end(page, binding),
    )


def listed(
    request: Request,
    route: str,
    path_params: Mapping[str, str],
    kwargs: dict[str, Any],
    view: Callable[..., Page[Any]],
    response: type[BaseModel],
    items: Callable[[Any], BaseModel],
) -> BaseModel:
    """A list view's page, from the position its verified cursor names, as ``response``."""
    query = kwargs["query"]
    binding = cursor_binding(caller_of(request, public=False), route, path_params, query)
    return page_reply(
        view(**kwargs, at=position_of(query.cursor, binding)), binding, response, items
    )

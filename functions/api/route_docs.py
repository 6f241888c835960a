"""What the OpenAPI document says of one route: recorded by ``ApiRoutes.route`` from the
same models the handler validates with."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel


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
    also: tuple[int, ...] = ()
    """Other success statuses the view may answer with (a ``Reply``), with the same body."""

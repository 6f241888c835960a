"""Match a request path to one of the app's resources the way API Gateway does.

A literal path segment beats a ``{parameter}``, which beats a greedy ``{parameter+}``;
a trailing slash is ignored (except for ``/``); path parameters are URL-decoded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote


@dataclass(frozen=True)
class RouteMatch:
    resource: str
    """The resource path as declared, e.g. ``/books/{book}/contacts/{id}``."""
    path_parameters: dict[str, str]
    methods: Mapping[str, Any]
    """HTTP method -> Chalice route entry."""


@dataclass
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    parameter: tuple[str, _Node] | None = None
    greedy: tuple[str, str] | None = None
    """(parameter name, resource path) of a ``{name+}`` child."""
    resource: str | None = None


def split_path(path: str) -> list[str]:
    """``/a/b%20c/`` -> ``['a', 'b c']``; ``/`` -> ``[]``."""
    if path != "/" and path.endswith("/"):
        path = path[:-1]
    stripped = path.lstrip("/")
    return [unquote(part) for part in stripped.split("/")] if stripped else []


class RouteTable:
    def __init__(self, routes: Mapping[str, Mapping[str, Any]]):
        self._routes = routes
        self._root = _Node()
        for resource in routes:
            self._add(resource)

    def _add(self, resource: str) -> None:
        node = self._root
        for part in split_path(resource):
            if part.startswith("{") and part.endswith("+}"):
                node.greedy = (part[1:-2], resource)
                return
            if part.startswith("{") and part.endswith("}"):
                if node.parameter is None:
                    node.parameter = (part[1:-1], _Node())
                node = node.parameter[1]
            else:
                node = node.literals.setdefault(part, _Node())
        node.resource = resource

    def match(self, raw_path: str) -> RouteMatch | None:
        """The resource for a raw (still URL-encoded) path, or None."""
        found = _search(self._root, split_path(raw_path), 0, {})
        if found is None:
            return None
        resource, parameters = found
        return RouteMatch(resource, parameters, self._routes[resource])

    @property
    def resources(self) -> Iterable[str]:
        return self._routes.keys()


def _search(
    node: _Node, parts: list[str], index: int, parameters: dict[str, str]
) -> tuple[str, dict[str, str]] | None:
    if index == len(parts):
        return (node.resource, parameters) if node.resource is not None else None
    part = parts[index]
    child = node.literals.get(part)
    if child is not None:
        found = _search(child, parts, index + 1, parameters)
        if found is not None:
            return found
    if node.parameter is not None and part:
        name, child = node.parameter
        found = _search(child, parts, index + 1, {**parameters, name: part})
        if found is not None:
            return found
    if node.greedy is not None:
        name, resource = node.greedy
        return resource, {**parameters, name: "/".join(parts[index:])}
    return None

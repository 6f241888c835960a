"""A Chalice app that registers its REST routes on first use.

Every function deployed from ``app.py`` imports it, but only the REST function serves
routes. Registering them lazily, on the first read of ``app.routes`` (Chalice's REST
handler, ``chalice package`` and the local runtime all read it), keeps the route modules,
their pydantic schemas and validators out of the WebSocket and stream functions' cold
starts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from chalice.app import Chalice, RouteEntry

RouteTable = dict[str, dict[str, RouteEntry]]


class LazyRoutesChalice(Chalice):
    def __init__(
        self, app_name: str, register_routes: Callable[[Chalice], None], **kwargs: Any
    ) -> None:
        self._register_routes: Callable[[Chalice], None] | None = register_routes
        self._route_table: RouteTable = defaultdict(dict)
        super().__init__(app_name, **kwargs)

    @property
    def routes(self) -> RouteTable:
        register, self._register_routes = self._register_routes, None
        if register is not None:
            register(self)
        return self._route_table

    @routes.setter
    def routes(self, table: RouteTable) -> None:
        self._route_table = table

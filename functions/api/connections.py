"""``/connections``: the caller's connections (online or not) and removing one."""

from __future__ import annotations

from core.auth.principal import Principal
from core.pagination import Page, Position
from core.social.connections_service import ConnectionView
from functions.api.routing import ApiRoutes
from functions.api.schemas.lists import ListQuery
from functions.api.schemas.people import ConnectedProfile, profile_of
from functions.api.schemas.social import ConnectionList, ConnectionOut
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="connections")


def _out(view: ConnectionView) -> ConnectionOut:
    user = profile_of(view.user, contact_details=True)
    assert isinstance(user, ConnectedProfile)
    return ConnectionOut(user=user, since=view.since, online=view.online, last_seen=view.last_seen)


@routes.route(
    "GET",
    "/connections",
    summary="The caller's connections, with email, phone and whether they are online",
    query=ListQuery,
    response=ConnectionList,
    items=_out,
    errors=(400, 401, 422),
)
def list_connections(
    principal: Principal, query: ListQuery, at: Position | None
) -> Page[ConnectionView]:
    return services().social.connections.connections_of(principal.user_id, query.limit, at)


@routes.route(
    "DELETE",
    "/connections/{user_id}",
    summary="Remove a connection, both ways; each leaves the books the other shared",
    status=204,
    errors=(401, 404),
)
def remove_connection(user_id: str, principal: Principal) -> None:
    services().social.connections.remove(principal.user_id, user_id)

"""``/users/search``: finding other users to connect with."""

from __future__ import annotations

from core.auth.principal import Principal
from core.pagination import Page, Position
from core.social.visibility import SeenUser
from functions.api.routing import ApiRoutes
from functions.api.schemas.people import UserList, UserSearchQuery, profile_of
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="accounts")


@routes.route(
    "GET",
    "/users/search",
    summary=(
        "Find users by a prefix of any word of their username, full name or company, or by "
        "their exact email or phone (email and phone shown to their connections only)"
    ),
    query=UserSearchQuery,
    response=UserList,
    items=lambda seen: profile_of(seen.user, seen.contact_details),
    errors=(400, 401, 422),
)
def search_users(
    principal: Principal, query: UserSearchQuery, at: Position | None
) -> Page[SeenUser]:
    return services().social.directory.search(principal.user_id, query.q, query.limit, at)

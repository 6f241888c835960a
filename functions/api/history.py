"""``/books/{book}/contacts/{contact_id}/history``: a contact's changes, newest first, as
recorded from the contacts stream; members can read it after the contact is deleted."""

from __future__ import annotations

from typing import Any

from core.auth.principal import Principal
from core.contact_history.models import change_to_dict
from functions.api.lists import next_cursor, position_of
from functions.api.routing import ApiRoutes
from functions.api.schemas.contacts import ChangeList
from functions.api.schemas.lists import ListQuery
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")


@routes.route(
    "GET",
    "/books/{book}/contacts/{contact_id}/history",
    summary="A contact's changes, newest first (also once deleted)",
    query=ListQuery,
    response=ChangeList,
    errors=(400, 401, 404, 422),
)
def contact_history(
    book: str, contact_id: str, principal: Principal, query: ListQuery
) -> dict[str, Any]:
    binding = (principal.user_id, "history", book, contact_id)
    at = position_of(query.cursor, *binding)
    page = services().contact_history.history(principal.user_id, book, contact_id, query.limit, at)
    return {
        "items": [change_to_dict(c) for c in page.items],
        "next_cursor": next_cursor(page, *binding),
    }

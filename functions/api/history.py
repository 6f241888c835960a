"""``/books/{book}/contacts/{contact_id}/history``: a contact's changes, newest first, as
recorded from the contacts stream; members can read it after the contact is deleted."""

from __future__ import annotations

from core.auth.principal import Principal
from core.contact_history.models import Change
from core.pagination import Page, Position
from functions.api.routing import ApiRoutes
from functions.api.schemas.contacts import ChangeList
from functions.api.schemas.lists import ListQuery
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")


@routes.list(
    "/books/{book}/contacts/{contact_id}/history",
    summary="A contact's changes, newest first (also once deleted)",
    response=ChangeList,
    errors=(404,),
)
def contact_history(
    book: str, contact_id: str, principal: Principal, query: ListQuery, at: Position | None
) -> Page[Change]:
    history = services().contact_history
    return history.history(principal.user_id, book, contact_id, query.limit, at)

"""``/books/{book}/members``: who shares a book, sharing it with a connection, leaving it."""

from __future__ import annotations

from core.auth.principal import Principal
from core.books.models import Role
from core.books.sharing_service import MemberView
from core.pagination import Page, Position
from functions.api.routing import ApiRoutes, Reply
from functions.api.schemas.books import MemberCreate, MemberList, MemberOut
from functions.api.schemas.lists import ListQuery
from functions.api.schemas.people import profile_of
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="books")
MEMBERS = "/books/{book}/members"


def _out(view: MemberView) -> MemberOut:
    user = profile_of(view.member.user, view.member.contact_details)
    return MemberOut(user=user, role=view.role.value, since=view.since)


@routes.route(
    "GET",
    MEMBERS,
    summary="The book's members and their roles (any member)",
    query=ListQuery,
    response=MemberList,
    items=_out,
    errors=(400, 401, 404, 422),
)
def list_members(
    book: str, principal: Principal, query: ListQuery, at: Position | None
) -> Page[MemberView]:
    return services().social.sharing.members(principal.user_id, book, query.limit, at)


@routes.route(
    "POST",
    MEMBERS,
    summary="Share the book with a connection (owner only); a member already: 200, new role",
    status=201,
    body=MemberCreate,
    response=MemberOut,
    errors=(400, 401, 403, 404, 409, 422),
    idempotent=True,
    also=(200,),
)
def add_member(book: str, principal: Principal, body: MemberCreate) -> Reply:
    shared = services().social.sharing.share(principal.user_id, book, body.user_id, Role(body.role))
    return Reply(_out(shared.view), 201 if shared.created else 200)


@routes.route(
    "DELETE",
    MEMBERS + "/{user_id}",
    summary="Take a member out (the owner), or leave the book (a member themselves)",
    status=204,
    errors=(401, 403, 404),
)
def remove_member(book: str, user_id: str, principal: Principal) -> None:
    services().social.sharing.unshare(principal.user_id, book, user_id)

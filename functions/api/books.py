"""``/books``: the caller's address books (with their role) and new books."""

from __future__ import annotations

from core.auth.principal import Principal
from core.books.models import Membership
from core.pagination import Page, Position
from functions.api.routing import ApiRoutes
from functions.api.schemas.books import BookCreate, BookList, BookOut
from functions.api.schemas.lists import ListQuery
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="books")


@routes.list(
    "/books",
    summary="The caller's address books, the personal one included",
    response=BookList,
)
def list_books(principal: Principal, query: ListQuery, at: Position | None) -> Page[Membership]:
    return services().books.books_of(principal.user_id, query.limit, at)


@routes.route(
    "POST",
    "/books",
    summary="Create an address book owned by the caller",
    status=201,
    body=BookCreate,
    response=BookOut,
    errors=(400, 401, 409, 422),
    idempotent=True,
)
def create_book(principal: Principal, body: BookCreate) -> BookOut:
    return BookOut.of(services().books.create(principal.user_id, body.name))

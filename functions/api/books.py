"""``/books``: the caller's address books (with their role) and new books."""

from __future__ import annotations

from core.auth.principal import Principal
from functions.api.lists import next_cursor, position_of
from functions.api.routing import ApiRoutes
from functions.api.schemas.books import BookCreate, BookList, BookOut
from functions.api.schemas.lists import ListQuery
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="books")


@routes.route(
    "GET",
    "/books",
    summary="The caller's address books, the personal one included",
    query=ListQuery,
    response=BookList,
    errors=(400, 401, 422),
)
def list_books(principal: Principal, query: ListQuery) -> BookList:
    binding = (principal.user_id, "books")
    at = position_of(query.cursor, *binding)
    page = services().books.books_of(principal.user_id, query.limit, (at or {}).get("book_id"))
    return BookList(
        items=[BookOut.of(membership) for membership in page.items],
        next_cursor=next_cursor(page, *binding),
    )


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

"""Address books: the caller's books, new books, the personal book, and access checks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from core.books.models import Book, Membership, Role
from core.books.ports import BookStore
from core.books.rules import Action, book_id_of, check_access, personal_book_id
from core.clock import utc_now
from core.errors import Conflict
from core.ids import new_id
from core.pagination import Page, Position, start_of

PERSONAL_BOOK_NAME = "Personal"


class BookService:
    def __init__(self, books: BookStore, clock: Callable[[], datetime] = utc_now) -> None:
        self._books = books
        self._clock = clock

    def ensure_personal_book(self, user_id: str) -> Book:
        """The user's personal book, created if missing (safe to call concurrently)."""
        book_id = personal_book_id(user_id)
        existing = self._books.get(book_id)
        if existing is not None:
            return existing
        book = Book(book_id, PERSONAL_BOOK_NAME, user_id, True, self._clock())
        try:
            return self._books.create(book)
        except Conflict:
            return self._books.get(book_id) or book

    def get(self, book_id: str) -> Book | None:
        return self._books.get(book_id)

    def create(self, owner_id: str, name: str) -> Membership:
        book = Book(new_id("bk"), name, owner_id, False, self._clock())
        return Membership(self._books.create(book), Role.OWNER)

    def books_of(self, user_id: str, limit: int, at: Position | None) -> Page[Membership]:
        after = start_of(at, "book_id")
        if after is None and self._books.role_of(personal_book_id(user_id), user_id) is None:
            self.ensure_personal_book(user_id)
        memberships, last = self._books.memberships_of(user_id, limit, after)
        return Page.after(memberships, "book_id", last)

    def access(self, reference: str, user_id: str, action: Action) -> str:
        """The id of the book ``reference`` names (an id or ``me``) if the user may do
        ``action`` there; ``NotFound`` for non-members, ``Forbidden`` for too weak a role."""
        book_id, role = self.membership(reference, user_id)
        check_access(role, action)
        return book_id

    def membership(self, reference: str, user_id: str) -> tuple[str, Role | None]:
        """The id of the book ``reference`` names and the user's role in it (``None``: none)."""
        book_id = book_id_of(reference, user_id)
        role = self._books.role_of(book_id, user_id)
        if role is None and book_id == personal_book_id(user_id):
            self.ensure_personal_book(user_id)
            role = Role.OWNER
        return book_id, role

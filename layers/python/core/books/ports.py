"""Protocol ports of the books aggregate: what ``BookService`` needs of its store, and what
other aggregates need of books (access checks). Repositories and fakes satisfy them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

from core.books.models import Added, Book, Member, Membership, Role
from core.books.rules import Action
from core.storage import WriteCondition


class BookStore(Protocol):
    """Stored books and their members (``core.books.repository.BookRepository``)."""

    def create(self, book: Book) -> Book: ...

    def get(self, book_id: str) -> Book | None: ...

    def role_of(self, book_id: str, user_id: str) -> Role | None: ...

    def members_of(self, book_id: str) -> list[Member]: ...

    def member_ids(self, book_id: str) -> list[str]: ...

    def add_member(self, book_id: str, user_id: str, role: Role, at: datetime) -> Member: ...

    def memberships_of(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Membership], str | None]: ...


class BookAccess(Protocol):
    """``BookService.access``: the id of the book a reference names, if the user may act."""

    def access(self, reference: str, user_id: str, action: Action) -> str: ...


class MemberStore(Protocol):
    """A book's members, for sharing (``core.books.members.MemberRepository``)."""

    def get(self, book_id: str, user_id: str) -> Member | None: ...
    def page(
        self, book_id: str, limit: int, after: str | None
    ) -> tuple[list[Member], str | None]: ...
    def add(self, member: Member, only_if: WriteCondition | None = None) -> Added: ...
    def remove(self, book_id: str, user_id: str) -> bool: ...
    def book_ids_of(self, user_id: str) -> Iterator[str]: ...

"""Reading a contact's history: for the book's members, also after the contact is gone."""

from __future__ import annotations

from typing import Protocol

from core.books.ports import BookAccess
from core.books.rules import MAX_ID_LENGTH, Action
from core.contact_history.models import Change
from core.pagination import Page, Position, start_of


class ChangeLog(Protocol):
    """Recorded changes (``core.contact_history.repository.ContactHistoryRepository``)."""

    def page(
        self, book_id: str, contact_id: str, limit: int, after: str | None
    ) -> tuple[list[Change], str | None]: ...


class HistoryService:
    def __init__(self, books: BookAccess, history: ChangeLog) -> None:
        self._books = books
        self._history = history

    def history(
        self, user_id: str, book: str, contact_id: str, limit: int, at: Position | None
    ) -> Page[Change]:
        book_id = self._books.access(book, user_id, Action.READ)
        if len(contact_id) > MAX_ID_LENGTH:
            return Page([])
        changes, last = self._history.page(book_id, contact_id, limit, start_of(at, "change"))
        return Page.after(changes, "change", last)

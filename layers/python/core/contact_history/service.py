"""Reading a contact's history: for the book's members, also after the contact is gone."""

from __future__ import annotations

from core.books.rules import MAX_ID_LENGTH, Action
from core.books.service import BookService
from core.contact_history.models import Change
from core.contact_history.repository import ContactHistoryRepository
from core.pagination import Page, Position


class HistoryService:
    def __init__(self, books: BookService, history: ContactHistoryRepository) -> None:
        self._books = books
        self._history = history

    def history(
        self, user_id: str, book: str, contact_id: str, limit: int, at: Position | None
    ) -> Page[Change]:
        book_id = self._books.access(book, user_id, Action.READ)
        if len(contact_id) > MAX_ID_LENGTH:
            return Page([])
        changes, after = self._history.page(book_id, contact_id, limit, (at or {}).get("change"))
        return Page(changes, {"change": after} if after else None)

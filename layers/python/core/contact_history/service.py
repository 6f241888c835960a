"""Reading a contact's history: for the book's members, also after the contact is gone.
A contact that has neither history nor a current version is not found (404), as the contact
itself would be."""

from __future__ import annotations

from typing import Protocol

from core.books.ports import BookAccess
from core.books.rules import MAX_ID_LENGTH, Action
from core.contact_history.models import Change
from core.errors import NotFound
from core.pagination import Page, Position, start_of


class ChangeLog(Protocol):
    """Recorded changes (``core.contact_history.repository.ContactHistoryRepository``)."""

    def page(
        self, book_id: str, contact_id: str, limit: int, after: str | None
    ) -> tuple[list[Change], str | None]: ...


class ContactLookup(Protocol):
    def get(self, book_id: str, contact_id: str) -> object | None: ...


class HistoryService:
    def __init__(self, books: BookAccess, history: ChangeLog, contacts: ContactLookup) -> None:
        self._books = books
        self._history = history
        self._contacts = contacts

    def history(
        self, user_id: str, book: str, contact_id: str, limit: int, at: Position | None
    ) -> Page[Change]:
        book_id = self._books.access(book, user_id, Action.READ)
        if len(contact_id) > MAX_ID_LENGTH:
            raise _not_found()
        changes, last = self._history.page(book_id, contact_id, limit, start_of(at, "change"))
        if not changes and at is None and self._contacts.get(book_id, contact_id) is None:
            # Created a moment ago, its history not recorded yet: an empty history, not a 404.
            raise _not_found()
        return Page.after(changes, "change", last)


def _not_found() -> NotFound:
    return NotFound("No such contact.", code="contact_not_found")

"""Creating, reading, replacing, patching and deleting contacts, with versions.

Every change is a conditional write on the version that was read (optimistic locking). With
``If-Match`` a version other than the expected one is a ``PreconditionFailed``; without it, a
change that loses a race is retried on the fresh contact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from core.books.ports import BookAccess
from core.books.rules import MAX_ID_LENGTH, Action
from core.clock import utc_now
from core.contacts.models import Contact, ContactDraft, draft_to_dict
from core.contacts.ports import ContactStore
from core.contacts.rules import merge_patch
from core.contacts.search import search_page
from core.contacts.validation import parse_contact
from core.errors import Conflict, NotFound, PreconditionFailed
from core.ids import new_id
from core.pagination import Page, Position

MAX_ATTEMPTS = 5
Versions = frozenset[int] | None
"""The versions ``If-Match`` accepts; ``None`` when the header was absent or ``*``."""


class ContactService:
    def __init__(
        self,
        books: BookAccess,
        contacts: ContactStore,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._books = books
        self._contacts = contacts
        self._clock = clock

    def create(
        self, user_id: str, book: str, draft: ContactDraft, idempotency_key: str | None = None
    ) -> Contact:
        """With ``idempotency_key``, a repeated create returns the first contact, also when
        the first answer was lost in a crash (``Idempotency-Key`` replays the rest)."""
        book_id = self._books.access(book, user_id, Action.WRITE)
        once = f"{user_id}#{book_id}#{idempotency_key}" if idempotency_key else None
        return self._contacts.create(self._new(book_id, user_id, draft), once)

    def store_many(self, book_id: str, user_id: str, drafts: Sequence[ContactDraft]) -> int:
        """Create contacts in a book the caller was already checked to write to, in batches;
        how many were created."""
        self._contacts.create_many([self._new(book_id, user_id, draft) for draft in drafts])
        return len(drafts)

    def _new(self, book_id: str, user_id: str, draft: ContactDraft) -> Contact:
        now = self._clock()
        fields = {**draft.__dict__, "version": 1, "created_at": now, "updated_at": now}
        return Contact(
            id=new_id("ct"), book_id=book_id, created_by=user_id, updated_by=user_id, **fields
        )

    def get(self, user_id: str, book: str, contact_id: str) -> Contact:
        book_id = self._books.access(book, user_id, Action.READ)
        return self._existing(book_id, contact_id)

    def list(
        self,
        user_id: str,
        book: str,
        q: str | None,
        tag: str | None,
        limit: int,
        at: Position | None,
    ) -> Page[Contact]:
        book_id = self._books.access(book, user_id, Action.READ)
        return search_page(self._contacts, book_id, q, tag, limit, at)

    def replace(
        self, user_id: str, book: str, contact_id: str, draft: ContactDraft, expected: Versions
    ) -> Contact:
        return self._edit(user_id, book, contact_id, expected, lambda _: draft)

    def patch(
        self, user_id: str, book: str, contact_id: str, patch: Mapping[str, Any], expected: Versions
    ) -> Contact:
        def merged(current: Contact) -> ContactDraft:
            return parse_contact(merge_patch(draft_to_dict(current), patch))

        return self._edit(user_id, book, contact_id, expected, merged)

    def delete(self, user_id: str, book: str, contact_id: str, expected: Versions) -> None:
        book_id = self._books.access(book, user_id, Action.WRITE)
        for _ in range(MAX_ATTEMPTS):
            current = self._current(book_id, contact_id, expected)
            if self._contacts.delete(current, user_id, self._clock()):
                return
        raise _busy()

    def _edit(
        self,
        user_id: str,
        book: str,
        contact_id: str,
        expected: Versions,
        change: Callable[[Contact], ContactDraft],
    ) -> Contact:
        book_id = self._books.access(book, user_id, Action.WRITE)
        for _ in range(MAX_ATTEMPTS):
            current = self._current(book_id, contact_id, expected)
            updated = replace(
                current,
                **change(current).__dict__,
                version=current.version + 1,
                updated_at=self._clock(),
                updated_by=user_id,
            )
            if self._contacts.replace(current, updated):
                return updated
        raise _busy()

    def _existing(self, book_id: str, contact_id: str) -> Contact:
        contact = (
            self._contacts.get(book_id, contact_id) if len(contact_id) <= MAX_ID_LENGTH else None
        )
        if contact is None:
            raise NotFound("No such contact.", code="contact_not_found")
        return contact

    def _current(self, book_id: str, contact_id: str, expected: Versions) -> Contact:
        current = self._existing(book_id, contact_id)
        if expected is not None and current.version not in expected:
            raise PreconditionFailed(
                f"The contact is at version {current.version}, not the one in If-Match."
            )
        return current


def _busy() -> Conflict:
    return Conflict("The contact is being changed by others; try again.", code="edit_conflict")

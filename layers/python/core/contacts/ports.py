"""Protocol ports of the contacts aggregate: what its services need of the contacts' store
(``core.contacts.repository.ContactRepository``, or an in-memory fake), and what that store
needs of the contact history."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Protocol

from pynamodb.models import Model

from core.contacts.models import Contact, ContactDraft


class ContactStore(Protocol):
    def get(self, book_id: str, contact_id: str) -> Contact | None: ...

    def get_many(self, book_id: str, contact_ids: list[str]) -> dict[str, Contact]:
        """The contacts of ``contact_ids`` that exist, by id."""
        ...

    def page(self, book_id: str, limit: int, after: str | None) -> tuple[list[Contact], str | None]:
        """Up to ``limit`` contacts in creation order after the contact id ``after``, and
        the contact id to continue after (``None`` at the end)."""
        ...

    def all_of(self, book_id: str) -> Iterator[Contact]: ...

    def term_hits(self, book_id: str, prefix: str, after: str | None) -> Iterator[tuple[str, str]]:
        """``(term, contact_id)`` of index entries starting with ``prefix``, in term order,
        after the entry ``after``."""
        ...

    def create(self, contact: Contact, once: str | None = None) -> Contact:
        """Store a new contact; with ``once``, a repeat under the same ``once`` returns the
        first contact (``Conflict`` if the id is taken otherwise)."""
        ...

    def create_many(self, contacts: Sequence[Contact]) -> None:
        """Store new contacts in batches (imports); a contact never without its terms."""
        ...

    def replace(self, old: Contact, new: Contact) -> bool:
        """Store ``new`` if the stored contact is still at ``old.version``; ``False`` if not."""
        ...

    def delete(self, old: Contact, by: str, at: datetime) -> bool:
        """Delete the contact if still at ``old.version``; ``False`` if not."""
        ...


class DeletionNotes(Protocol):
    """Who deleted a contact, written in the delete's own transaction so the stream consumer
    that records history can tell (``ContactHistoryRepository``)."""

    def deletion_note_item(
        self, book_id: str, contact_id: str, version: int, by: str, at: datetime
    ) -> Model:
        """The item to write, in the delete's transaction, for the contact at ``version``."""
        ...


class NewContacts(Protocol):
    """``ContactService.store_many``: contacts created in a book already checked."""

    def store_many(self, book_id: str, user_id: str, drafts: Sequence[ContactDraft]) -> int: ...

"""Contacts and their search terms in DynamoDB. A contact and its terms change together in
one transaction, guarded by the contact's version (optimistic locking, never
read-then-write without a condition)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from core.contacts import items
from core.contacts.models import Contact
from core.contacts.ports import DeletionNotes
from core.contacts.terms import terms_of
from core.errors import Conflict
from core.storage import TableLocation, condition_failed, connection_to, lost_race


class ContactRepository:
    def __init__(
        self, contacts: TableLocation, terms: TableLocation, deletion_notes: DeletionNotes
    ) -> None:
        self._location = contacts
        self._notes = deletion_notes
        self._item = items.contact_model(contacts)
        self._term = items.term_model(terms)

    def get(self, book_id: str, contact_id: str) -> Contact | None:
        try:
            return items.to_contact(self._item.get(book_id, contact_id, consistent_read=True))
        except DoesNotExist:
            return None

    def get_many(self, book_id: str, contact_ids: list[str]) -> dict[str, Contact]:
        keys = [(book_id, contact_id) for contact_id in dict.fromkeys(contact_ids)]
        found = self._item.batch_get(keys, consistent_read=True)
        return {item.contact_id: items.to_contact(item) for item in found}

    def page(self, book_id: str, limit: int, after: str | None) -> tuple[list[Contact], str | None]:
        """Up to ``limit`` contacts in creation order after the contact id ``after``, and the
        position to continue from (``None`` at the end)."""
        start = {"book_id": {"S": book_id}, "contact_id": {"S": after}} if after else None
        found = list(self._item.query(book_id, limit=limit + 1, last_evaluated_key=start))
        contacts = [items.to_contact(item) for item in found[:limit]]
        return contacts, contacts[-1].id if len(found) > limit else None

    def all_of(self, book_id: str) -> Iterator[Contact]:
        for item in self._item.query(book_id, page_size=100):
            yield items.to_contact(item)

    def term_hits(self, book_id: str, prefix: str, after: str | None) -> Iterator[tuple[str, str]]:
        """``(term, contact_id)`` of index entries starting with ``prefix``, in order, after
        the entry ``after``."""
        start = {"book_id": {"S": book_id}, "term": {"S": after}} if after else None
        query = self._term.query(
            book_id,
            self._term.term.startswith(prefix),
            last_evaluated_key=start,
            page_size=100,
        )
        for item in query:
            yield item.term, item.contact_id

    def create(self, contact: Contact) -> Contact:
        """Store a new contact and its terms; ``Conflict`` if its id is taken."""
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                item = items.to_item(self._item, contact)
                transaction.save(item, condition=self._item.contact_id.does_not_exist())
                for term in terms_of(contact.draft):
                    transaction.save(self._term_item(contact, term))
        except TransactWriteError as error:
            if condition_failed(error, 0):
                raise Conflict("That contact already exists.", code="contact_exists") from None
            raise
        return contact

    def replace(self, old: Contact, new: Contact) -> bool:
        """Store ``new`` if the stored contact is still at ``old.version``; ``False`` if it
        moved on (or a concurrent transaction won)."""
        old_terms, new_terms = set(terms_of(old.draft)), set(terms_of(new.draft))
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                item = items.to_item(self._item, new)
                transaction.save(item, condition=self._item.version == old.version)
                for term in old_terms - new_terms:
                    transaction.delete(self._term_item(old, term))
                for term in new_terms - old_terms:
                    transaction.save(self._term_item(new, term))
        except TransactWriteError as error:
            return _not_applied(error)
        return True

    def delete(self, old: Contact, by: str, at: datetime) -> bool:
        """Delete the contact if still at ``old.version``, noting who deleted it."""
        note = self._notes.deletion_note_item(old.book_id, old.id, old.version, by, at)
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                item = items.to_item(self._item, old)
                transaction.delete(item, condition=self._item.version == old.version)
                for term in terms_of(old.draft):
                    transaction.delete(self._term_item(old, term))
                transaction.save(note)
        except TransactWriteError as error:
            return _not_applied(error)
        return True

    def _term_item(self, contact: Contact, term: str) -> items.TermItem:
        return self._term(contact.book_id, f"{term}#{contact.id}", contact_id=contact.id)


def _not_applied(error: TransactWriteError) -> bool:
    """``False`` when a write lost to a concurrent one (re-raises anything else)."""
    if lost_race(error):
        return False
    raise error

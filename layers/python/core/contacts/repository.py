"""Contacts and their search terms in DynamoDB. A contact and its terms change together in
one transaction, guarded by the contact's version (optimistic locking, never
read-then-write without a condition)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from core.contacts import items
from core.contacts.models import Contact
from core.contacts.ports import DeletionNotes
from core.contacts.terms import terms_of
from core.errors import Conflict
from core.storage import TableLocation, condition_failed, connection_to, lost_race

GUARD_LIFETIME = timedelta(hours=24)
"""As long as an ``Idempotency-Key`` is honoured."""
BATCH_CHUNK = 50
"""Contacts per unit of an import's parallel writes."""


class ContactRepository:
    def __init__(
        self,
        contacts: TableLocation,
        terms: TableLocation,
        deletion_notes: DeletionNotes,
        batch_parallelism: int = 4,
        guards: TableLocation | None = None,
    ) -> None:
        self._batch_parallelism = batch_parallelism
        self._guard = items.guard_model(guards) if guards is not None else None
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

    def create(self, contact: Contact, once: str | None = None) -> Contact:
        """Store a new contact and its terms (``Conflict`` if its id is taken). With
        ``once`` (a caller's idempotency scope), a second create under the same ``once``
        within ``GUARD_LIFETIME`` returns the first contact."""
        guard = None
        if once is not None and self._guard is not None:
            guard = self._guard(
                f"contact-create#{once}", book_id=contact.book_id, contact_id=contact.id
            )
            guard.expiration = GUARD_LIFETIME
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                item = items.to_item(self._item, contact)
                transaction.save(item, condition=self._item.contact_id.does_not_exist())
                for term in terms_of(contact.draft):
                    transaction.save(self._term_item(contact, term))
                if guard is not None:
                    transaction.save(guard, condition=type(guard).id.does_not_exist())
        except TransactWriteError as error:
            first = self._first_of(guard) if guard is not None else None
            if first is not None:
                return first
            if condition_failed(error, 0):
                raise Conflict("That contact already exists.", code="contact_exists") from None
            raise
        return contact

    def _first_of(self, guard: items.CreateGuardItem) -> Contact | None:
        """The contact an earlier create under the same guard stored, if it is still there."""
        try:
            stored = type(guard).get(guard.id, consistent_read=True)
        except DoesNotExist:
            return None
        return self.get(stored.book_id, stored.contact_id)

    def create_many(self, contacts: Sequence[Contact]) -> None:
        """Store new contacts with their terms, for imports: ``BatchWriteItem`` in chunks,
        ``batch_parallelism`` chunks at a time (a transaction per contact took four times as
        long). A chunk's terms are written before its contacts, so a contact is never
        stored without its terms; a failure in between leaves only terms that name no
        contact, which search skips."""
        chunks = [contacts[i : i + BATCH_CHUNK] for i in range(0, len(contacts), BATCH_CHUNK)]
        with ThreadPoolExecutor(self._batch_parallelism) as pool:
            list(pool.map(self._create_chunk, chunks))

    def _create_chunk(self, contacts: Sequence[Contact]) -> None:
        with self._term.batch_write() as terms:
            for contact in contacts:
                for term in terms_of(contact.draft):
                    terms.save(self._term_item(contact, term))
        with self._item.batch_write() as stored:
            for contact in contacts:
                stored.save(items.to_item(self._item, contact))

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

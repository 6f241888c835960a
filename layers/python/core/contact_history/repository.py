"""Contact history in DynamoDB: one item per change, newest first by change id; written
with a condition so a stream record delivered twice is recorded once."""

from __future__ import annotations

import json
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from core.contact_history.items import (
    CHANGE,
    DELETION,
    ChangeItem,
    DeletionNoteItem,
    change_model,
    contact_key,
    note_model,
)
from core.contact_history.models import Action, Change
from core.storage import TableLocation


def _change(item: ChangeItem, book_id: str, contact_id: str) -> Change:
    return Change(
        id=item.change_id.removeprefix(CHANGE),
        book_id=book_id,
        contact_id=contact_id,
        at=item.at,
        by=item.by,
        action=Action(item.action),
        changes=json.loads(item.changes),
    )


class ContactHistoryRepository:
    def __init__(self, location: TableLocation) -> None:
        self._change = change_model(location)
        self._note = note_model(location)

    def record(self, change: Change) -> bool:
        """Store ``change``; ``False`` if a change with its id was already recorded."""
        item = self._change(
            contact_key(change.book_id, change.contact_id),
            CHANGE + change.id,
            at=change.at,
            by=change.by,
            action=change.action.value,
            changes=json.dumps(change.changes, separators=(",", ":")),
        )
        try:
            item.save(condition=self._change.change_id.does_not_exist())
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def deletion_note_item(
        self, book_id: str, contact_id: str, version: int, by: str, at: datetime
    ) -> DeletionNoteItem:
        """The note to write with the delete of a contact at ``version`` (in its transaction:
        ``core.contacts.ports.DeletionNotes``)."""
        return self._note(contact_key(book_id, contact_id), f"{DELETION}{version}", at=at, by=by)

    def deletion_note(
        self, book_id: str, contact_id: str, version: int
    ) -> tuple[str, datetime] | None:
        """Who deleted the contact at ``version``, and when, if the delete left a note."""
        try:
            note = self._note.get(
                contact_key(book_id, contact_id), f"{DELETION}{version}", consistent_read=True
            )
        except DoesNotExist:
            return None
        return note.by, note.at

    def page(
        self, book_id: str, contact_id: str, limit: int, after: str | None
    ) -> tuple[list[Change], str | None]:
        """Up to ``limit`` changes, newest first, older than the change id ``after``."""
        key = contact_key(book_id, contact_id)
        start = None
        if after:
            start = {"contact_key": {"S": key}, "change_id": {"S": CHANGE + after}}
        query = self._change.query(
            key,
            self._change.change_id.startswith(CHANGE),
            scan_index_forward=False,
            limit=limit + 1,
            last_evaluated_key=start,
        )
        found = [_change(item, book_id, contact_id) for item in query]
        return found[:limit], found[limit - 1].id if len(found) > limit else None

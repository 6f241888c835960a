"""Turning one record of the contacts stream into a recorded change."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.contact_history.diff import diff
from core.contact_history.models import Action, Change
from core.contacts.images import contact_from_image
from core.streams import StreamChange, padded_sequence_number

_ACTIONS = {"INSERT": Action.CREATED, "MODIFY": Action.UPDATED, "REMOVE": Action.DELETED}


class History(Protocol):
    """Where changes are recorded (``ContactHistoryRepository``)."""

    def record(self, change: Change) -> bool: ...

    def deletion_note(
        self, book_id: str, contact_id: str, version: int
    ) -> tuple[str, datetime] | None: ...


class HistoryRecorder:
    def __init__(self, history: History) -> None:
        self._history = history

    def record(self, record: StreamChange) -> bool:
        """Record the change; ``False`` if it was already recorded (a redelivery).
        Raises ``ValueError`` (or a mapping error) for a record that is not a contact change."""
        action = _ACTIONS.get(record.action)
        if action is None:
            raise ValueError(f"unknown stream event: {record.action!r}")
        old = contact_from_image(record.old_image) if record.old_image else None
        new = contact_from_image(record.new_image) if record.new_image else None
        contact = new or old
        if contact is None:
            raise ValueError(
                "the stream record has no image; the stream must be NEW_AND_OLD_IMAGES"
            )
        at: datetime = contact.updated_at
        by: str | None = contact.updated_by
        if new is None:  # the delete's note says who; without one, only roughly when
            note = self._history.deletion_note(contact.book_id, contact.id, contact.version)
            by, at = note if note else (None, record.at)
        change = Change(
            id=padded_sequence_number(record.sequence_number),
            book_id=contact.book_id,
            contact_id=contact.id,
            at=at,
            by=by,
            action=action,
            changes=diff(old.draft if old else None, new.draft if new else None),
        )
        return self._history.record(change)

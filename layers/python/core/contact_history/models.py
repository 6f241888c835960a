"""A change of a contact, as recorded from the contacts table's stream."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True)
class Change:
    id: str
    """Derived from the stream record's sequence number: recording it twice is a no-op."""
    book_id: str
    contact_id: str
    at: datetime
    by: str | None
    action: Action
    changes: dict[str, list[Any]]
    """``{field: [old, new]}`` in the contact's JSON shape."""

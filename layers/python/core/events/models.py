"""What every event is: a typed model with a literal ``type``, an ``id`` that sorts like the
stream sequence number it came from, a time and data; and the decoded stream change it is
built from (plain Python: no AWS or Lambda types)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from core.clock import rfc3339

SEQUENCE_WIDTH = 40
"""DynamoDB Streams sequence numbers have 21 to 40 digits."""

ChangeAction = Literal["INSERT", "MODIFY", "REMOVE"]


@dataclass(frozen=True)
class StreamChange:
    """One change of one item, as its table's stream reports it.

    Images are in DynamoDB's attribute-value JSON, exactly as the table stores the item;
    turning them into domain models is the event builder's job.
    """

    table_key: str
    action: ChangeAction
    sequence_number: str
    at: datetime
    keys: Mapping[str, Any]
    new_image: Mapping[str, Any] | None
    old_image: Mapping[str, Any] | None


def event_id(table_key: str, sequence_number: str) -> str:
    """Unique per event, and sorts like the sequence numbers of one stream:
    ``<table key>.<sequence number, zero-padded to 40 digits>``."""
    if not sequence_number.isdigit() or len(sequence_number) > SEQUENCE_WIDTH:
        raise ValueError(f"not a stream sequence number: {sequence_number!r}")
    return f"{table_key}.{sequence_number.zfill(SEQUENCE_WIDTH)}"


class Event(BaseModel):
    """Base of every event; subclasses narrow ``type`` to a literal and type ``data``."""

    model_config = ConfigDict(frozen=True)

    type: str
    id: str
    at: datetime
    data: Any

    def frame(self) -> dict[str, Any]:
        """The frame clients receive: ``{"type", "id", "at", "data"}``."""
        data = self.data.model_dump(mode="json") if isinstance(self.data, BaseModel) else self.data
        return {"type": self.type, "id": self.id, "at": rfc3339(self.at), "data": data}

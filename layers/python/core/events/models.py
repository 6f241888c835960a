"""What every event is: a typed model with a literal ``type``, an ``id`` that sorts like the
stream sequence number it came from, a time and data; and the decoded stream change it is
built from (plain Python: no AWS or Lambda types)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from core.clock import rfc3339
from core.streams import padded_sequence_number


def event_id(table_key: str, sequence_number: str) -> str:
    """Unique per event, and sorts like the sequence numbers of one stream:
    ``<table key>.<sequence number, zero-padded to 40 digits>``."""
    return f"{table_key}.{padded_sequence_number(sequence_number)}"


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

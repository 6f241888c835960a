"""A change of one item as its table's stream reports it, in plain Python (no AWS or Lambda
types): what event builders and the history recorder consume."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

SEQUENCE_WIDTH = 40
"""DynamoDB Streams sequence numbers have 21 to 40 digits."""

ChangeAction = Literal["INSERT", "MODIFY", "REMOVE"]


@dataclass(frozen=True)
class StreamChange:
    """Images are in DynamoDB's attribute-value JSON, exactly as the table stores the item;
    turning them into domain models is the consumer's job."""

    table_key: str
    action: ChangeAction
    sequence_number: str
    at: datetime
    """The stream's approximate creation time (second precision at best)."""
    keys: Mapping[str, Any]
    new_image: Mapping[str, Any] | None
    old_image: Mapping[str, Any] | None


def padded_sequence_number(sequence_number: str) -> str:
    """The sequence number zero-padded to a fixed width, so that strings sort like numbers."""
    if not sequence_number.isdigit() or len(sequence_number) > SEQUENCE_WIDTH:
        raise ValueError(f"not a stream sequence number: {sequence_number!r}")
    return sequence_number.zfill(SEQUENCE_WIDTH)

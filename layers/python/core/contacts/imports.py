"""What importing a file produces: rows to validate, and the report returned to the client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportRow:
    number: int
    """CSV: the record number counting the header as 1; vCard: the card's position from 1."""
    data: dict[str, Any]
    """The contact in the API's JSON shape, before validation."""
    source_id: str | None = None
    """The contact id an export wrote (CSV ``id`` column, vCard ``UID``)."""
    problem: str | None = None
    """Why the row could not even be read as a contact."""

    @property
    def is_blank(self) -> bool:
        return not any(_has_value(value) for value in self.data.values())


def _has_value(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_value(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    return value not in (None, "")


@dataclass(frozen=True)
class RowError:
    row: int
    message: str
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"row": self.row, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return body


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

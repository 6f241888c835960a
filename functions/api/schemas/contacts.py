"""API models of contacts. Input is validated by the domain's ``ContactInput`` (shared with
imports); a contact's response is its one JSON shape, ``core.contacts.shapes.ContactOut``
(also the data of its WebSocket events)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from core.contact_history.models import Change
from core.contacts.shapes import ContactOut as ContactOut
from core.contacts.validation import ContactInput
from functions.api.schemas.common import Timestamp
from functions.api.schemas.lists import ListQuery


class ContactBody(ContactInput):
    """A whole contact (POST creates, PUT replaces): absent optional fields are cleared."""


class ContactPatchBody(BaseModel):
    """A JSON merge patch (RFC 7396) of a contact: fields sent replace, ``null`` clears,
    ``address`` merges; the result must be a valid contact."""

    model_config = ConfigDict(
        extra="allow", json_schema_extra={"example": {"title": "CTO", "notes": None}}
    )

    @property
    def changes(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class ContactQuery(ListQuery):
    q: str | None = Field(
        default=None,
        max_length=100,
        description="Prefix of a word of name or company, of an email, or phone digits",
    )
    tag: str | None = Field(default=None, max_length=40, description="Only contacts with this tag")


class ContactList(BaseModel):
    items: list[ContactOut]
    next_cursor: str | None


class ChangeOut(BaseModel):
    id: str
    at: Timestamp
    by: str | None
    action: Literal["created", "updated", "deleted"]
    changes: dict[str, list[Any]] = Field(description="`{field: [old, new]}`")

    @classmethod
    def of(cls, change: Change) -> ChangeOut:
        return cls(
            id=change.id,
            at=change.at,
            by=change.by,
            action=change.action.value,
            changes=change.changes,
        )


class ChangeList(BaseModel):
    items: list[ChangeOut]
    next_cursor: str | None

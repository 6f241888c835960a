"""API models of contacts. Input is validated by the domain's ``ContactInput`` (shared with
imports); responses are the domain's ``contact_to_dict`` shape, described here for the docs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from core.contacts.validation import ContactInput
from core.text import Name, SearchText
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


class PhoneOut(BaseModel):
    label: str | None
    number: str


class EmailOut(BaseModel):
    label: str | None
    address: str


class AddressOut(BaseModel):
    street: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None


class ContactOut(BaseModel):
    id: str
    book_id: str
    name: str
    phones: list[PhoneOut]
    emails: list[EmailOut]
    company: str | None
    title: str | None
    address: AddressOut
    birthday: str | None
    notes: str | None
    tags: list[str]
    version: int = Field(description="Also the `ETag`; send it as `If-Match` to change safely")
    created_at: Timestamp
    updated_at: Timestamp
    created_by: str
    updated_by: str


class ContactQuery(ListQuery):
    q: SearchText | None = Field(
        default=None,
        max_length=100,
        description="Prefix of a word of name or company, of an email, or phone digits",
    )
    tag: Name | None = Field(default=None, max_length=40, description="Only contacts with this tag")


class ContactList(BaseModel):
    items: list[ContactOut]
    next_cursor: str | None


class ChangeOut(BaseModel):
    id: str
    at: Timestamp
    by: str | None
    action: Literal["created", "updated", "deleted"]
    changes: dict[str, list[Any]] = Field(description="`{field: [old, new]}`")


class ChangeList(BaseModel):
    items: list[ChangeOut]
    next_cursor: str | None

"""A contact's one JSON shape, for REST responses and WebSocket events alike:
``{id, book_id, name, phones, emails, company, title, address, birthday, notes, tags,
version, created_at, updated_at, created_by, updated_by}``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from core.contacts.models import Contact
from core.json_types import Timestamp


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

    @classmethod
    def of(cls, contact: Contact) -> ContactOut:
        return cls.model_validate(contact, from_attributes=True)


def contact_to_dict(contact: Contact) -> dict[str, Any]:
    """The contact as JSON, in its one shape."""
    return ContactOut.of(contact).model_dump(mode="json")


class ContactRef(BaseModel):
    """What is left of a deleted contact."""

    model_config = ConfigDict(frozen=True)

    id: str
    book_id: str

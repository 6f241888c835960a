"""Contacts as the domain sees them; their JSON shape is ``core.contacts.shapes``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Phone:
    number: str
    label: str | None = None


@dataclass(frozen=True)
class Email:
    address: str
    label: str | None = None


@dataclass(frozen=True)
class Address:
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None

    @property
    def is_empty(self) -> bool:
        return all(value is None for value in asdict(self).values())


@dataclass(frozen=True)
class ContactDraft:
    """The fields a client edits: a validated contact without id, version or timestamps."""

    name: str
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    company: str | None = None
    title: str | None = None
    address: Address = field(default_factory=Address)
    birthday: str | None = None
    """``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown."""
    notes: str | None = None
    tags: tuple[str, ...] = ()


EDITABLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ContactDraft))


@dataclass(frozen=True)
class Contact:
    id: str
    book_id: str
    name: str
    phones: tuple[Phone, ...]
    emails: tuple[Email, ...]
    company: str | None
    title: str | None
    address: Address
    birthday: str | None
    notes: str | None
    tags: tuple[str, ...]
    version: int
    created_at: datetime
    updated_at: datetime
    created_by: str
    updated_by: str

    @property
    def draft(self) -> ContactDraft:
        return ContactDraft(**{name: getattr(self, name) for name in EDITABLE_FIELDS})


def draft_to_dict(draft: ContactDraft | Contact) -> dict[str, Any]:
    """The editable fields in the contract's JSON shape."""
    return {
        "name": draft.name,
        "phones": [{"label": p.label, "number": p.number} for p in draft.phones],
        "emails": [{"label": e.label, "address": e.address} for e in draft.emails],
        "company": draft.company,
        "title": draft.title,
        "address": asdict(draft.address),
        "birthday": draft.birthday,
        "notes": draft.notes,
        "tags": list(draft.tags),
    }

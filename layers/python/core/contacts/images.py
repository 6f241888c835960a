"""Contacts from DynamoDB stream images (attribute-value JSON, exactly as the contacts table
stores them): how the contact events and the history recorder read a change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.contacts.items import ContactItem, to_contact
from core.contacts.models import Contact

_REQUIRED = (
    "book_id",
    "contact_id",
    "name",
    "version",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)


def contact_from_image(image: Mapping[str, Any]) -> Contact:
    """``ValueError`` if the image lacks an attribute every stored contact has."""
    missing = [name for name in _REQUIRED if name not in image]
    if missing:
        raise ValueError(f"not a contact image: no {', '.join(missing)}")
    return to_contact(ContactItem.from_raw_data(dict(image)))

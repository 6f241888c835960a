"""``contact.created|updated|deleted``: built from the contacts table's stream, for every
member of the contact's book. ``data`` is the contact in the API's shape; for a delete
``{id, book_id}``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from core.clock import parse_rfc3339
from core.events.audiences import Audience, BookMembers
from core.events.models import Event, event_id
from core.streams import StreamChange

ContactDecoder = Callable[[Mapping[str, Any]], dict[str, Any]]
"""A stored contact image (attribute-value JSON) to the contact in the API's shape."""


class ContactRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    book_id: str


class ContactCreated(Event):
    type: Literal["contact.created"] = "contact.created"
    data: dict[str, Any]


class ContactUpdated(Event):
    type: Literal["contact.updated"] = "contact.updated"
    data: dict[str, Any]


class ContactDeleted(Event):
    type: Literal["contact.deleted"] = "contact.deleted"
    data: ContactRef


ContactEvent = ContactCreated | ContactUpdated | ContactDeleted


def stored_contact(image: Mapping[str, Any]) -> dict[str, Any]:
    from core.contacts.models import contact_to_dict
    from core.contacts.repository import contact_from_image

    return contact_to_dict(contact_from_image(image))


def contact_event(change: StreamChange, decode: ContactDecoder = stored_contact) -> ContactEvent:
    """The event of one change; raises if the image cannot be decoded (a poison record)."""
    id_, at = event_id(change.table_key, change.sequence_number), change.at
    if change.action == "REMOVE":
        old = decode(_image(change.old_image, "OldImage"))
        return ContactDeleted(id=id_, at=at, data=ContactRef(id=old["id"], book_id=old["book_id"]))
    new = decode(_image(change.new_image, "NewImage"))
    # The contact's own update time is exact to the millisecond; the stream's is not.
    at = parse_rfc3339(new["updated_at"]) if new.get("updated_at") else at
    if change.action == "INSERT":
        return ContactCreated(id=id_, at=at, data=new)
    return ContactUpdated(id=id_, at=at, data=new)


def contact_audience(event: ContactEvent) -> Audience:
    book_id = event.data.book_id if isinstance(event, ContactDeleted) else event.data["book_id"]
    return BookMembers(str(book_id))


def _image(image: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    if image is None:
        raise ValueError(f"the stream record has no {name}")
    return image

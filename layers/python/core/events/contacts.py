"""``contact.created|updated|deleted``: built from the contacts table's stream, for every
member of the contact's book. ``data`` is the contact in its one JSON shape
(``core.contacts.shapes.ContactOut``, as the REST API returns it); for a delete, what is left
of it (``ContactRef``: ``{id, book_id}``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from core.contacts.models import Contact
from core.contacts.shapes import ContactOut, ContactRef
from core.events.audiences import Audience, BookMembers
from core.events.models import Event, event_id
from core.streams import StreamChange

ContactDecoder = Callable[[Mapping[str, Any]], Contact]
"""A stored contact image (attribute-value JSON) to the domain's contact."""


class ContactCreated(Event):
    type: Literal["contact.created"] = "contact.created"
    data: ContactOut


class ContactUpdated(Event):
    type: Literal["contact.updated"] = "contact.updated"
    data: ContactOut


class ContactDeleted(Event):
    type: Literal["contact.deleted"] = "contact.deleted"
    data: ContactRef


ContactEvent = ContactCreated | ContactUpdated | ContactDeleted


def stored_contact(image: Mapping[str, Any]) -> Contact:
    from core.contacts.images import contact_from_image

    return contact_from_image(image)


def contact_event(change: StreamChange, decode: ContactDecoder = stored_contact) -> ContactEvent:
    """The event of one change; raises if the image cannot be decoded (a poison record)."""
    id_ = event_id(change.table_key, change.sequence_number)
    if change.action == "REMOVE":
        old = decode(_image(change.old_image, "OldImage"))
        return ContactDeleted(id=id_, at=change.at, data=ContactRef(id=old.id, book_id=old.book_id))
    new = decode(_image(change.new_image, "NewImage"))
    # The contact's own update time is exact to the millisecond; the stream's is not.
    event = ContactCreated if change.action == "INSERT" else ContactUpdated
    return event(id=id_, at=new.updated_at, data=ContactOut.of(new))


def contact_audience(event: ContactEvent) -> Audience:
    return BookMembers(event.data.book_id)


def _image(image: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    if image is None:
        raise ValueError(f"the stream record has no {name}")
    return image

"""The contacts tables' PynamoDB models, private to ``core.contacts`` repositories, and their
mapping to and from domain contacts."""

from __future__ import annotations

from functools import cache
from typing import Any

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from core.contacts.models import Address, Contact, Email, Phone
from core.storage import TableLocation, bind


class PhoneMap(MapAttribute[str, Any]):
    number = UnicodeAttribute()
    label = UnicodeAttribute(null=True)


class EmailMap(MapAttribute[str, Any]):
    address = UnicodeAttribute()
    label = UnicodeAttribute(null=True)


class AddressMap(MapAttribute[str, Any]):
    street = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    region = UnicodeAttribute(null=True)
    postal_code = UnicodeAttribute(null=True)
    country = UnicodeAttribute(null=True)


class ContactItem(Model):
    class Meta:
        table_name = "unbound"

    book_id = UnicodeAttribute(hash_key=True)
    contact_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    phones = ListAttribute(of=PhoneMap, default=list)
    emails = ListAttribute(of=EmailMap, default=list)
    company = UnicodeAttribute(null=True)
    title = UnicodeAttribute(null=True)
    address = AddressMap(null=True)
    birthday = UnicodeAttribute(null=True)
    notes = UnicodeAttribute(null=True)
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    version = NumberAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    created_by = UnicodeAttribute()
    updated_by = UnicodeAttribute()


class TermItem(Model):
    """``term`` is ``<token>#<contact_id>``: a contact is found by ``begins_with(term, ...)``."""

    class Meta:
        table_name = "unbound"

    book_id = UnicodeAttribute(hash_key=True)
    term = UnicodeAttribute(range_key=True)
    contact_id = UnicodeAttribute()


class CreateGuardItem(Model):
    """Written with a contact created under an ``Idempotency-Key``, in the same transaction,
    in the idempotency table (``id``: ``contact-create#<caller>#<book>#<key>``): a retry of
    that create, even after a crash that lost the first answer, finds the contact instead of
    creating a second one."""

    class Meta:
        table_name = "unbound"

    id = UnicodeAttribute(hash_key=True)
    book_id = UnicodeAttribute()
    contact_id = UnicodeAttribute()
    expiration = TTLAttribute()


@cache
def guard_model(location: TableLocation) -> type[CreateGuardItem]:
    return bind(CreateGuardItem, location)


@cache
def contact_model(location: TableLocation) -> type[ContactItem]:
    return bind(ContactItem, location)


@cache
def term_model(location: TableLocation) -> type[TermItem]:
    return bind(TermItem, location)


def to_contact(item: ContactItem) -> Contact:
    address = item.address
    return Contact(
        id=item.contact_id,
        book_id=item.book_id,
        name=item.name,
        phones=tuple(Phone(number=p.number, label=p.label) for p in item.phones or ()),
        emails=tuple(Email(address=e.address, label=e.label) for e in item.emails or ()),
        company=item.company,
        title=item.title,
        address=Address(
            street=address.street,
            city=address.city,
            region=address.region,
            postal_code=address.postal_code,
            country=address.country,
        )
        if address is not None
        else Address(),
        birthday=item.birthday,
        notes=item.notes,
        tags=tuple(str(tag) for tag in item.tags or ()),
        version=int(item.version),
        created_at=item.created_at,
        updated_at=item.updated_at,
        created_by=item.created_by,
        updated_by=item.updated_by,
    )


def to_item(model: type[ContactItem], contact: Contact) -> ContactItem:
    address = contact.address
    return model(
        contact.book_id,
        contact.id,
        name=contact.name,
        phones=[PhoneMap(number=p.number, label=p.label) for p in contact.phones],
        emails=[EmailMap(address=e.address, label=e.label) for e in contact.emails],
        company=contact.company,
        title=contact.title,
        address=None
        if address.is_empty
        else AddressMap(
            street=address.street,
            city=address.city,
            region=address.region,
            postal_code=address.postal_code,
            country=address.country,
        ),
        birthday=contact.birthday,
        notes=contact.notes,
        tags=list(contact.tags),
        version=contact.version,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        created_by=contact.created_by,
        updated_by=contact.updated_by,
    )

"""The ``contact_history`` table's PynamoDB models, private to ``core`` repositories.

Two kinds of items share a contact's partition (``contact_key = <book_id>#<contact_id>``):
changes (``change_id = change#<stream sequence number, zero-padded>``) and deletion notes
(``change_id = deletion#<version>``), written in the same transaction as a delete so the
stream consumer knows who deleted the contact.
"""

from __future__ import annotations

from functools import cache

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from core.storage import TableLocation, bind

CHANGE = "change#"
DELETION = "deletion#"


class ChangeItem(Model):
    class Meta:
        table_name = "unbound"

    contact_key = UnicodeAttribute(hash_key=True)
    change_id = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    by = UnicodeAttribute(null=True)
    action = UnicodeAttribute()
    changes = UnicodeAttribute()
    """JSON ``{field: [old, new]}``."""


class DeletionNoteItem(Model):
    class Meta:
        table_name = "unbound"

    contact_key = UnicodeAttribute(hash_key=True)
    change_id = UnicodeAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    by = UnicodeAttribute()


def contact_key(book_id: str, contact_id: str) -> str:
    return f"{book_id}#{contact_id}"


@cache
def change_model(location: TableLocation) -> type[ChangeItem]:
    return bind(ChangeItem, location)


@cache
def note_model(location: TableLocation) -> type[DeletionNoteItem]:
    return bind(DeletionNoteItem, location)

"""The ``login_attempts`` table's PynamoDB model, private to its repository: one item per
subject and window (``<subject>#w<window>``, a failure counter) and one per locked subject
(``<subject>#lock``). Every item expires through the table's TTL."""

from __future__ import annotations

from functools import cache

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from core.storage import TableLocation, bind


class AttemptItem(Model):
    class Meta:
        table_name = "unbound"

    key = UnicodeAttribute(hash_key=True)
    failures = NumberAttribute(default=0)
    locked_until = NumberAttribute(null=True)
    """Epoch seconds (on lock items)."""
    expires_at = TTLAttribute()


@cache
def model(location: TableLocation) -> type[AttemptItem]:
    return bind(AttemptItem, location)


def counter_key(subject_key: str, window: int) -> str:
    return f"{subject_key}#w{window}"


def lock_key(subject_key: str) -> str:
    return f"{subject_key}#lock"

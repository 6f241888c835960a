"""The ``sockets`` table's PynamoDB model, private to ``core.realtime.sockets``."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.storage import TableLocation, bind


class SocketItem(Model):
    class Meta:
        table_name = "unbound"

    connection_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    connected_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    by_user: ClassVar[SocketsByUser]


class SocketsByUser(GlobalSecondaryIndex[SocketItem]):
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    connection_id = UnicodeAttribute(range_key=True)


@cache
def model(location: TableLocation) -> type[SocketItem]:
    return bind(SocketItem, location, by_user=SocketsByUser())

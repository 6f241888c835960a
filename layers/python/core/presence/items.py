"""The ``presence`` table's PynamoDB model, private to its repository: one item per user."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from core.presence.models import Presence
from core.storage import TableLocation, bind


class PresenceItem(Model):
    class Meta:
        table_name = "unbound"

    user_id = UnicodeAttribute(hash_key=True)
    sockets = JSONAttribute(default=dict)
    """Socket id → expiry (seconds since the epoch)."""
    online = BooleanAttribute(default=False)
    last_seen = UTCDateTimeAttribute(null=True)
    version = NumberAttribute(default=0)


@cache
def model(location: TableLocation) -> type[PresenceItem]:
    return bind(PresenceItem, location)


def to_presence(item: PresenceItem) -> Presence:
    sockets = {
        socket: datetime.fromtimestamp(int(expiry), UTC)
        for socket, expiry in dict(item.sockets or {}).items()
    }
    return Presence(item.user_id, sockets, bool(item.online), item.last_seen, int(item.version))


def to_item(presence_model: type[PresenceItem], presence: Presence) -> PresenceItem:
    sockets = {socket: int(expiry.timestamp()) for socket, expiry in presence.sockets.items()}
    return presence_model(
        presence.user_id,
        sockets=sockets,
        online=presence.online,
        last_seen=presence.last_seen,
        version=presence.version,
    )

"""The registry of open WebSocket connections: one item per connection, found per user
through the ``by_user`` index (never a Scan). A TTL removes records of connections whose
``$disconnect`` never arrived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import ClassVar

from pynamodb.attributes import TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DeleteError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.storage import TableLocation, bind

# API Gateway closes every WebSocket connection after two hours.
CONNECTION_LIFETIME = timedelta(hours=2)


@dataclass(frozen=True)
class Connection:
    connection_id: str
    user_id: str
    connected_at: datetime
    expires_at: datetime


class ConnectionItem(Model):
    class Meta:
        table_name = "unbound"

    connection_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    connected_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    by_user: ClassVar[ConnectionsByUser]


class ConnectionsByUser(GlobalSecondaryIndex[ConnectionItem]):
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    connection_id = UnicodeAttribute(range_key=True)


@cache
def _model(location: TableLocation) -> type[ConnectionItem]:
    return bind(ConnectionItem, location, by_user=ConnectionsByUser())


class ConnectionRegistry:
    def __init__(self, location: TableLocation) -> None:
        self._item = _model(location)

    def add(self, connection_id: str, user_id: str, connected_at: datetime) -> Connection:
        connection = Connection(
            connection_id, user_id, connected_at, connected_at + CONNECTION_LIFETIME
        )
        self._item(
            connection_id,
            user_id=user_id,
            connected_at=connected_at,
            expires_at=connection.expires_at,
        ).save()
        return connection

    def remove(self, connection_id: str) -> None:
        """Forget a connection; forgetting an unknown one is not an error."""
        try:
            self._item(connection_id).delete()
        except DeleteError:  # pragma: no cover - delete of a missing key succeeds in DynamoDB
            pass

    def connections_of(self, user_id: str) -> list[str]:
        """IDs of the user's open connections."""
        return [
            item.connection_id
            for item in self._item.by_user.query(user_id, attributes_to_get=["connection_id"])
        ]

    def user_of(self, connection_id: str) -> str | None:
        for item in self._item.query(connection_id, attributes_to_get=["user_id"]):
            return str(item.user_id)
        return None

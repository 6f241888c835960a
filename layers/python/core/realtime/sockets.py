"""The registry of open WebSocket sockets: one item per socket, keyed by API Gateway's
connection id and found per user through the ``by_user`` index (never a Scan). A TTL
removes the records of sockets whose ``$disconnect`` never arrived."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError

from core.realtime import socket_items
from core.storage import TableLocation

SOCKET_LIFETIME = timedelta(hours=2)
"""API Gateway closes every WebSocket connection after two hours."""


@dataclass(frozen=True)
class OpenSocket:
    connection_id: str
    """API Gateway's id of the socket (what ``@connections`` posts to)."""
    user_id: str
    connected_at: datetime
    expires_at: datetime


class SocketRegistry:
    def __init__(self, location: TableLocation) -> None:
        self._item = socket_items.model(location)

    def add(self, connection_id: str, user_id: str, connected_at: datetime) -> OpenSocket:
        socket = OpenSocket(connection_id, user_id, connected_at, connected_at + SOCKET_LIFETIME)
        self._item(
            connection_id,
            user_id=user_id,
            connected_at=connected_at,
            expires_at=socket.expires_at,
        ).save()
        return socket

    def remove(self, connection_id: str) -> None:
        """Forget a socket; forgetting an unknown one is not an error."""
        try:
            self._item(connection_id).delete()
        except DeleteError:  # pragma: no cover - delete of a missing key succeeds in DynamoDB
            pass

    def connections_of(self, user_id: str) -> list[str]:
        """The connection ids of the user's open sockets."""
        return [
            item.connection_id
            for item in self._item.by_user.query(user_id, attributes_to_get=["connection_id"])
        ]

    def user_of(self, connection_id: str) -> str | None:
        for item in self._item.query(connection_id, attributes_to_get=["user_id"]):
            return str(item.user_id)
        return None


def socket_from_image(image: Mapping[str, Any]) -> OpenSocket:
    """An open socket from a stream image of the registry."""
    for name in ("connection_id", "user_id", "connected_at", "expires_at"):
        if name not in image:
            raise ValueError(f"not a socket registry image: no {name}")
    item = socket_items.SocketItem.from_raw_data(dict(image))
    return OpenSocket(item.connection_id, item.user_id, item.connected_at, item.expires_at)

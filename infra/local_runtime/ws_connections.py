"""The open WebSocket connections of the embedded gateway, by id: what ``@connections`` and
the gateway act on (not to be confused with the app's registry of sockets in DynamoDB)."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from aiohttp import web

from infra.local_runtime.rest_events import Gateway
from infra.local_runtime.throttle import FRAME_THROTTLE, FrameLimit, TokenBucket
from infra.local_runtime.ws_events import ConnectionInfo

log = logging.getLogger("local_runtime.websocket")

SEND_TIMEOUT_SECONDS = 10.0


@dataclass
class GatewayConnection:
    info: ConnectionInfo
    socket: web.WebSocketResponse
    headers: list[tuple[str, str]]
    gateway: Gateway
    last_active: float = field(default_factory=time.time)
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    closed_by_server: tuple[int, str] | None = None
    """Close code and reason when the server ended the connection."""
    frames: FrameLimit = field(default_factory=lambda: FrameLimit(TokenBucket.of(FRAME_THROTTLE)))


class GatewayConnections:
    def __init__(self) -> None:
        self._connections: dict[str, GatewayConnection] = {}

    def add(self, connection: GatewayConnection) -> None:
        self._connections[connection.info.connection_id] = connection

    def remove(self, connection_id: str) -> None:
        self._connections.pop(connection_id, None)

    def ids(self) -> list[str]:
        return list(self._connections)

    def get(self, connection_id: str) -> GatewayConnection | None:
        """An open connection (None once it is closing or gone)."""
        connection = self._connections.get(connection_id)
        if connection is None or connection.closed_by_server or connection.socket.closed:
            return None
        return connection

    async def send(self, connection_id: str, data: bytes) -> bool:
        """Send ``data`` as a text frame (binary if not UTF-8); False if the connection is gone."""
        connection = self.get(connection_id)
        if connection is None:
            return False
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        socket = connection.socket
        try:
            async with connection.send_lock, asyncio.timeout(SEND_TIMEOUT_SECONDS):
                await (socket.send_bytes(data) if text is None else socket.send_str(text))
        except (ConnectionError, RuntimeError, TimeoutError) as error:
            log.info("send to %s failed: %s", connection_id, error)
            return False
        connection.last_active = time.time()
        return True

    async def close(self, connection_id: str, code: int, reason: str) -> bool:
        """Close from the server side; False if the connection is gone already."""
        connection = self.get(connection_id)
        if connection is None:
            return False
        connection.closed_by_server = (code, reason)
        await connection.socket.close(code=code, message=reason.encode())
        return True

"""The emulated API Gateway WebSocket API: one connection per socket, ``$connect`` at the
handshake, a message route per frame, ``$disconnect`` however the socket ends."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from core.adapters.errors import websocket_error_event
from core.errors import RateLimited
from infra.local_runtime.app_loader import Function, LoadedApp
from infra.local_runtime.gateway_errors import error_response
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.rest_events import Gateway, decode_proxy_response
from infra.local_runtime.throttle import FRAME_THROTTLE
from infra.local_runtime.ws_connections import GatewayConnection, GatewayConnections
from infra.local_runtime.ws_events import (
    MAX_MESSAGE_BYTES,
    ConnectionInfo,
    connect_event,
    disconnect_event,
    message_event,
    new_connection_id,
    select_route,
)
from infra.local_runtime.ws_frames import LimitedWebSocketResponse

log = logging.getLogger("local_runtime.websocket")

THROTTLED_FRAME = json.dumps(
    websocket_error_event(
        RateLimited(
            f"Too many frames: at most {FRAME_THROTTLE.rate_per_second:g} a second "
            f"(bursts of {FRAME_THROTTLE.burst}); this one was not processed.",
            retry_after_seconds=1,
        )
    )
).encode()

MAX_CONNECTION_SECONDS = 2 * 3600
"""API Gateway ends every WebSocket connection after two hours."""


def _status_of(result: Any) -> str:
    return str(result.get("statusCode", 200)) if isinstance(result, dict) else "200"


class WebSocketGateway:
    def __init__(self, loaded: LoadedApp, invoker: Invoker, gateway: Gateway, idle_timeout: float):
        self._loaded = loaded
        self._invoker = invoker
        self._gateway = gateway
        self._idle_timeout = idle_timeout
        self.connections = GatewayConnections()
        self._handlers: set[asyncio.Task[Any]] = set()
        self._accepting = True

    async def close_all(self, timeout: float = 10.0) -> None:
        """Refuse new connections, close the open ones and wait for their ``$disconnect``."""
        self._accepting = False
        connections = self.connections
        closing = [connections.close(i, 1001, "Going away") for i in connections.ids()]
        await asyncio.gather(*closing, return_exceptions=True)
        if self._handlers:
            await asyncio.wait(self._handlers, timeout=timeout)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # aiohttp refuses a message of exactly max_msg_size; API Gateway accepts 128 KB.
        # No permessage-deflate: API Gateway does not negotiate it, and frame sizes are
        # limited on the wire.
        socket = LimitedWebSocketResponse(
            max_msg_size=MAX_MESSAGE_BYTES + 1, autoping=True, compress=False
        )
        request_id = new_connection_id()
        if not socket.can_prepare(request).ok:
            return error_response(
                426, "upgrade_required", "Expected a WebSocket upgrade", request_id
            )
        if not self._accepting:
            return error_response(503, "unavailable", "The runtime is shutting down", request_id)
        info = ConnectionInfo(
            new_connection_id(), request.remote or "127.0.0.1", request.headers.get("User-Agent")
        )
        gateway = dataclasses.replace(self._gateway, domain_name=request.host)
        headers = list(request.headers.items())
        refusal = await self._connect(
            info, gateway, headers, parse_qsl(request.query_string, keep_blank_values=True)
        )
        if refusal is not None:
            return refusal
        if not self._accepting:  # the runtime began to stop during $connect
            return error_response(503, "unavailable", "The runtime is shutting down", request_id)
        await socket.prepare(request)
        connection = GatewayConnection(info, socket, headers, gateway)
        self.connections.add(connection)
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            try:
                code, reason = await self._receive(connection)
            except Exception:  # a bug here must not skip $disconnect (the registry row stays)
                log.exception("connection %s failed", info.connection_id)
                code, reason = 1011, "Internal server error"
                await socket.close(code=code, message=reason.encode())
            finally:
                self.connections.remove(info.connection_id)
            await self._disconnect(connection, code, reason)
        finally:
            self._handlers.discard(task)
        return socket

    async def _connect(
        self,
        info: ConnectionInfo,
        gateway: Gateway,
        headers: list[tuple[str, str]],
        query: list[tuple[str, str]],
    ) -> web.StreamResponse | None:
        function = self._loaded.websocket.get("$connect")
        if function is None:
            return None
        event = connect_event(info, gateway, headers, query)
        label = f"$connect {info.connection_id}"
        invocation = await self._invoker.invoke(function, event, label, _status_of)
        if invocation.failed:
            return error_response(
                500, "internal_error", "Internal server error", info.connection_id
            )
        result = invocation.value if isinstance(invocation.value, dict) else {}
        if result.get("statusCode", 200) == 200:
            return None
        try:
            refused = decode_proxy_response(result)
        except ValueError:
            return error_response(
                500, "internal_error", "Internal server error", info.connection_id
            )
        return web.Response(status=refused.status, headers=refused.headers, body=refused.body)

    async def _receive(self, connection: GatewayConnection) -> tuple[int, str]:
        """Deliver messages until the socket ends; returns the close code and reason.

        Frames are admitted (or refused) as they arrive and handed to one worker that invokes
        the route for each in order, so a flood is answered at once however slow the
        function is, and at most ``FRAME_THROTTLE.burst`` frames wait for it."""
        pending: asyncio.Queue[str | bytes | None] = asyncio.Queue(FRAME_THROTTLE.burst)
        worker = asyncio.create_task(self._deliver(connection, pending))
        try:
            return await self._read(connection, pending)
        finally:
            await pending.put(None)
            await worker

    async def _deliver(
        self, connection: GatewayConnection, pending: asyncio.Queue[str | bytes | None]
    ) -> None:
        while (data := await pending.get()) is not None:
            try:
                await self._message(connection, data)
            except Exception:
                log.exception("message from %s failed", connection.info.connection_id)

    async def _read(
        self, connection: GatewayConnection, pending: asyncio.Queue[str | bytes | None]
    ) -> tuple[int, str]:
        socket = connection.socket
        while True:
            deadline = min(
                connection.last_active + self._idle_timeout,
                connection.info.connected_at + MAX_CONNECTION_SECONDS,
            )
            if time.time() >= deadline:
                connection.closed_by_server = (1001, "Going away")
                await socket.close(code=1001, message=b"Going away")
                break
            try:
                message = await socket.receive(timeout=deadline - time.time())
            except TimeoutError:
                continue
            if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                connection.last_active = time.time()
                if connection.frames.admit() and not pending.full():
                    pending.put_nowait(message.data)
                elif not await self._refuse_frame(connection):
                    break
            elif message.type == WSMsgType.ERROR and getattr(message.data, "code", None) == 1009:
                return 1009, "Message too big"
            else:
                break
        if connection.closed_by_server is not None:
            return connection.closed_by_server
        code = socket.close_code
        if code is None or code == 1006:
            return 1006, "Connection lost"
        if code == 1005:
            return 1005, "Client-side close frame status not set"
        return code, f"Client-side close frame status set to {code}"

    async def _refuse_frame(self, connection: GatewayConnection) -> bool:
        """Answer a frame over the connection's rate with an ``error`` frame (the function is
        not invoked); close a connection that keeps flooding. False once it is closed."""
        connection_id = connection.info.connection_id
        sent = not connection.frames.flooding and await self.connections.send(
            connection_id, THROTTLED_FRAME
        )
        if sent:
            return True
        log.info("closing %s: it floods frames faster than it may send them", connection_id)
        connection.closed_by_server = (1008, "Rate limit exceeded")
        await connection.socket.close(code=1008, message=b"Rate limit exceeded")
        return False

    async def _message(self, connection: GatewayConnection, data: str | bytes) -> None:
        route = select_route(data, self._loaded.websocket) if isinstance(data, str) else "$default"
        function: Function | None = self._loaded.websocket.get(route)
        if function is None:
            log.warning(
                "no handler for route %s; message from %s dropped",
                route,
                connection.info.connection_id,
            )
            return
        event = message_event(connection.info, connection.gateway, data, route)
        await self._invoker.invoke(
            function, event, f"{route} {connection.info.connection_id}", _status_of
        )

    async def _disconnect(self, connection: GatewayConnection, code: int, reason: str) -> None:
        function = self._loaded.websocket.get("$disconnect")
        if function is None:
            return
        event = disconnect_event(
            connection.info, connection.gateway, connection.headers, code, reason
        )
        await self._invoker.invoke(
            function, event, f"$disconnect {connection.info.connection_id}", _status_of
        )

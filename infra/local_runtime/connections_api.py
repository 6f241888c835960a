"""The ``@connections`` management API, wire-compatible with boto3's
``apigatewaymanagementapi`` client (``endpoint_url=http://127.0.0.1:8001``): every request
must carry a valid SigV4 signature (``signatures.py``), as on AWS."""

from __future__ import annotations

import itertools
import json
import time
import uuid

from aiohttp import web

from infra.local_runtime.signatures import Refusal, SignatureVerifier
from infra.local_runtime.ws_connections import GatewayConnections
from infra.local_runtime.ws_events import MAX_MESSAGE_BYTES

_REQUEST_ID_PREFIX = str(uuid.uuid4())[:24]
_request_numbers = itertools.count()


def request_id() -> str:
    """A UUID-shaped id unique to this runtime, cheaper than ``uuid4()`` per post."""
    return f"{_REQUEST_ID_PREFIX}{next(_request_numbers) % (1 << 48):012x}"


def _iso(epoch: float) -> str:
    return (
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{int(epoch * 1000) % 1000:03d}Z"
    )


def _error(status: int, error_type: str, message: str) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps({"message": message}).encode(),
        headers={
            "Content-Type": "application/json",
            "x-amzn-ErrorType": error_type,
            "x-amzn-RequestId": request_id(),
        },
    )


def _gone(connection_id: str) -> web.Response:
    return _error(410, "GoneException", f"Connection {connection_id} is gone")


def _refused(refusal: Refusal) -> web.Response:
    return _error(403, refusal.error_type, refusal.message)


class ConnectionsApi:
    def __init__(self, connections: GatewayConnections, verifier: SignatureVerifier):
        self._connections = connections
        self._verifier = verifier

    def add_routes(self, app: web.Application) -> None:
        # boto3 keeps the stage in the path when the endpoint URL has one.
        for prefix in ("", "/{stage}"):
            path = prefix + "/@connections/{connection_id}"
            app.router.add_post(path, self.post)
            app.router.add_get(path, self.get)
            app.router.add_delete(path, self.delete)

    def _refusal(self, request: web.Request, body: bytes) -> Refusal | None:
        url = request.rel_url
        return self._verifier.check(
            request.method, url.raw_path, url.raw_query_string, request.headers, body
        )

    async def post(self, request: web.Request) -> web.Response:
        connection_id = request.match_info["connection_id"]
        data = await request.read()
        refusal = self._refusal(request, data)
        if refusal is not None:
            return _refused(refusal)
        if len(data) > MAX_MESSAGE_BYTES:
            message = f"Message is larger than {MAX_MESSAGE_BYTES} bytes"
            return _error(413, "PayloadTooLargeException", message)
        if not await self._connections.send(connection_id, data):
            return _gone(connection_id)
        return web.Response(status=200, headers={"x-amzn-RequestId": request_id()})

    async def get(self, request: web.Request) -> web.Response:
        refusal = self._refusal(request, await request.read())
        if refusal is not None:
            return _refused(refusal)
        connection_id = request.match_info["connection_id"]
        connection = self._connections.get(connection_id)
        if connection is None:
            return _gone(connection_id)
        body = {  # the wire names; boto3 shows them as ConnectedAt, Identity.SourceIp...
            "connectedAt": _iso(connection.info.connected_at),
            "identity": {
                "sourceIp": connection.info.source_ip,
                "userAgent": connection.info.user_agent,
            },
            "lastActiveAt": _iso(connection.last_active),
        }
        return web.json_response(body, headers={"x-amzn-RequestId": request_id()})

    async def delete(self, request: web.Request) -> web.Response:
        refusal = self._refusal(request, await request.read())
        if refusal is not None:
            return _refused(refusal)
        connection_id = request.match_info["connection_id"]
        if not await self._connections.close(connection_id, 1000, "Connection deleted"):
            return _gone(connection_id)
        return web.Response(status=204, headers={"x-amzn-RequestId": request_id()})

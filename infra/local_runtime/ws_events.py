"""API Gateway WebSocket events ($connect, messages, $disconnect), as pure data."""

from __future__ import annotations

import base64
import secrets
import string
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.adapters.parsing import parse_json
from core.errors import BadRequest
from infra.local_runtime.rest_events import Gateway, request_time

MAX_MESSAGE_BYTES = 128 * 1024
"""API Gateway's WebSocket message limit (frames are 32 KB; it reassembles them)."""

_ALPHABET = string.ascii_letters + string.digits


def new_connection_id() -> str:
    """An id shaped like API Gateway's, e.g. ``LbPz3dAmIAMCJxg=``."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(15)) + "="


@dataclass(frozen=True)
class ConnectionInfo:
    connection_id: str
    source_ip: str
    user_agent: str | None
    connected_at: float = field(default_factory=time.time)


def select_route(body: str, route_keys: Iterable[str]) -> str:
    """Chalice deploys ``$request.body.action`` as the route selection expression."""
    try:
        frame = parse_json(body)  # the functions' own parser: depth-bounded, never raises else
    except BadRequest:
        return "$default"
    action = frame.get("action") if isinstance(frame, dict) else None
    custom = {key for key in route_keys if not key.startswith("$")}
    return action if isinstance(action, str) and action in custom else "$default"


def _context(
    info: ConnectionInfo, gateway: Gateway, route_key: str, event_type: str
) -> dict[str, Any]:
    now = time.time()
    request_id = str(uuid.uuid4())
    return {
        "routeKey": route_key,
        "eventType": event_type,
        "extendedRequestId": request_id,
        "requestTime": request_time(now),
        "messageDirection": "IN",
        "stage": gateway.stage,
        "connectedAt": int(info.connected_at * 1000),
        "requestTimeEpoch": int(now * 1000),
        "identity": {"sourceIp": info.source_ip, "userAgent": info.user_agent},
        "requestId": request_id,
        "domainName": gateway.domain_name,
        "connectionId": info.connection_id,
        "apiId": gateway.api_id,
    }


def _multi(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for key, value in pairs:
        single[key] = value
        multi.setdefault(key, []).append(value)
    return single, multi


def connect_event(
    info: ConnectionInfo,
    gateway: Gateway,
    headers: Sequence[tuple[str, str]],
    query: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    single_headers, multi_headers = _multi(headers)
    event: dict[str, Any] = {
        "headers": single_headers,
        "multiValueHeaders": multi_headers,
        "requestContext": _context(info, gateway, "$connect", "CONNECT"),
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"], event["multiValueQueryStringParameters"] = _multi(query)
    return event


def message_event(
    info: ConnectionInfo, gateway: Gateway, body: str | bytes, route_key: str = "$default"
) -> dict[str, Any]:
    context = _context(info, gateway, route_key, "MESSAGE")
    context["messageId"] = new_connection_id()
    binary = isinstance(body, bytes)
    return {
        "requestContext": context,
        "body": base64.b64encode(body).decode("ascii") if isinstance(body, bytes) else body,
        "isBase64Encoded": binary,
    }


def disconnect_event(
    info: ConnectionInfo,
    gateway: Gateway,
    headers: Sequence[tuple[str, str]],
    status_code: int,
    reason: str,
) -> dict[str, Any]:
    context = _context(info, gateway, "$disconnect", "DISCONNECT")
    context["disconnectStatusCode"] = status_code
    context["disconnectReason"] = reason
    single_headers, multi_headers = _multi(headers)
    return {
        "headers": single_headers,
        "multiValueHeaders": multi_headers,
        "requestContext": context,
        "isBase64Encoded": False,
    }

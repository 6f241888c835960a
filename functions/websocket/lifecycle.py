"""``$connect`` checks ``?token=`` and registers the connection; ``$disconnect`` forgets it."""

from __future__ import annotations

from typing import Any

from chalice.app import WebsocketEvent

from functions.websocket.wiring import services

REFUSED = {"statusCode": 401, "body": "Unauthorized"}


def connect(event: WebsocketEvent) -> dict[str, Any]:
    from core.clock import utc_now
    from core.errors import Unauthenticated

    query = event.to_dict().get("queryStringParameters") or {}
    token = query.get("token")
    if not token:
        return REFUSED
    try:
        principal = services().tokens.verify(token)
    except Unauthenticated:
        return REFUSED
    services().sockets.add(event.connection_id, principal.user_id, utc_now())
    return {"statusCode": 200}


def disconnect(event: WebsocketEvent) -> dict[str, Any]:
    services().sockets.remove(event.connection_id)
    return {"statusCode": 200}

"""Requests and connections from DynamoDB stream images (attribute-value JSON, as the tables
store them): how the social events and the activity consumer read a change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.social.items import PAIR, ConnectionItem, RequestItem, to_request
from core.social.models import Connection, ConnectionRequest


def request_from_image(image: Mapping[str, Any]) -> ConnectionRequest | None:
    """The request of a stream image; ``None`` for the table's other items (pair guards)."""
    if str(image.get("pk", {}).get("S", "")).startswith(PAIR):
        return None
    for name in ("from_user_id", "to_user_id", "status", "created_at", "updated_at"):
        if name not in image:
            raise ValueError(f"not a connection request image: no {name}")
    return to_request(RequestItem.from_raw_data(dict(image)))


def connection_from_image(image: Mapping[str, Any]) -> Connection:
    for name in ("user_id", "other_id", "since"):
        if name not in image:
            raise ValueError(f"not a connection image: no {name}")
    item = ConnectionItem.from_raw_data(dict(image))
    return Connection(item.user_id, item.other_id, item.since)

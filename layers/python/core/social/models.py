"""Connection requests and connections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from core.clock import rfc3339


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    CANCEL = "cancel"


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


@dataclass(frozen=True)
class ConnectionRequest:
    id: str
    from_user_id: str
    to_user_id: str
    status: RequestStatus
    message: str | None
    created_at: datetime
    updated_at: datetime


def request_to_dict(request: ConnectionRequest) -> dict[str, Any]:
    """The request as the API and its events show it (JSON-ready)."""
    return {
        "id": request.id,
        "from_user_id": request.from_user_id,
        "to_user_id": request.to_user_id,
        "status": request.status.value,
        "message": request.message,
        "created_at": rfc3339(request.created_at),
        "updated_at": rfc3339(request.updated_at),
    }


@dataclass(frozen=True)
class Connection:
    """One direction of a connection: ``user_id`` is connected to ``other_id``."""

    user_id: str
    other_id: str
    since: datetime

"""Connection requests and connections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


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


@dataclass(frozen=True)
class Connection:
    """One direction of a connection: ``user_id`` is connected to ``other_id``."""

    user_id: str
    other_id: str
    since: datetime

"""Notifications and what a source change asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Verb(StrEnum):
    CONNECTION_REQUEST_RECEIVED = "connection_request_received"
    CONNECTION_REQUEST_ACCEPTED = "connection_request_accepted"
    CONNECTION_REQUEST_REJECTED = "connection_request_rejected"
    BOOK_SHARED = "book_shared"


@dataclass(frozen=True)
class Target:
    type: str
    id: str


@dataclass(frozen=True)
class Draft:
    """A notification a change asks for, before the names in its message are looked up."""

    recipient: str
    verb: Verb
    actor: str
    target: Target
    created_at: datetime
    source_key: str
    """Names the source event, the same however often it is delivered: the notification's
    id is derived from it, so a repeat cannot store a second notification."""


@dataclass(frozen=True)
class Notification:
    id: str
    user_id: str
    verb: Verb
    actor: str
    target: Target
    message: str
    read: bool
    created_at: datetime

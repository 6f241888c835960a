"""A user's presence as the registry's changes have told it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Presence:
    user_id: str
    sockets: Mapping[str, datetime] = field(default_factory=dict)
    """Open socket id → when the registry forgets it anyway (API Gateway's two hours)."""
    online: bool = False
    """As of the last change: whether any socket was open then."""
    last_seen: datetime | None = None
    """When one of the user's sockets last opened or closed."""
    version: int = 0
    """Stored versions guard concurrent changes (optimistic locking); 0: never stored."""


@dataclass(frozen=True)
class Status:
    """What others see: ``online`` while a socket is open and not past its expiry."""

    online: bool
    last_seen: datetime | None

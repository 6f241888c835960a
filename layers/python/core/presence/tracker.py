"""Presence from the socket registry's changes: a socket opened or closed updates its user's
presence item, retrying when a concurrent change of the same user got there first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from core.errors import Conflict
from core.presence.models import Presence
from core.presence.ports import PresenceStore
from core.presence.rules import socket_closed, socket_opened

ATTEMPTS = 10


class PresenceTracker:
    def __init__(self, presence: PresenceStore) -> None:
        self._presence = presence

    def opened(self, user_id: str, socket_id: str, expires_at: datetime, at: datetime) -> Presence:
        return self._change(user_id, lambda p: socket_opened(p, socket_id, expires_at, at))

    def closed(self, user_id: str, socket_id: str, at: datetime) -> Presence:
        return self._change(user_id, lambda p: socket_closed(p, socket_id, at))

    def _change(self, user_id: str, change: Callable[[Presence], Presence]) -> Presence:
        for _ in range(ATTEMPTS):
            current = self._presence.get(user_id) or Presence(user_id)
            changed = change(current)
            if changed is current or self._presence.replace(current, changed):
                return changed
        raise Conflict(f"the presence of {user_id} keeps changing", code="concurrent_change")

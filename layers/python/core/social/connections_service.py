"""A user's connections (with who they are and whether they are online) and removing one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.accounts.models import User
from core.clock import utc_now
from core.errors import NotFound
from core.pagination import Page, Position, start_of
from core.presence.ports import PresenceStore
from core.presence.rules import status_at
from core.social.ports import ConnectionStore, Users


@dataclass(frozen=True)
class ConnectionView:
    user: User
    since: datetime
    online: bool
    last_seen: datetime | None


class Unsharing(Protocol):
    def unshare_between(self, user_id: str, other_id: str) -> int: ...


class ConnectionService:
    def __init__(
        self,
        connections: ConnectionStore,
        users: Users,
        presence: PresenceStore,
        sharing: Unsharing,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._connections = connections
        self._users = users
        self._presence = presence
        self._sharing = sharing
        self._clock = clock

    def connections_of(self, user_id: str, limit: int, at: Position | None) -> Page[ConnectionView]:
        found, after = self._connections.page(user_id, limit, start_of(at, "user"))
        others = [connection.other_id for connection in found]
        users, presence = self._users.get_many(others), self._presence.get_many(others)
        now = self._clock()
        views = []
        for connection in found:
            if connection.other_id in users:
                status = status_at(presence.get(connection.other_id), now)
                user = users[connection.other_id]
                views.append(
                    ConnectionView(user, connection.since, status.online, status.last_seen)
                )
        return Page.after(views, "user", after)

    def remove(self, user_id: str, other_id: str) -> None:
        """Both directions at once, then each out of the other's books (the activity consumer
        finishes that should this stop half way)."""
        if not self._connections.remove(user_id, other_id):
            raise NotFound("You are not connected to that user.", code="connection_not_found")
        self._sharing.unshare_between(user_id, other_id)

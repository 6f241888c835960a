"""Protocol ports of notifications (``NotificationRepository`` and the fake satisfy them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from core.notifications.models import Notification


class NotificationStore(Protocol):
    def add(self, notification: Notification) -> bool:
        """Store a new one; ``False`` (and nothing counted) if its id exists already."""
        ...

    def get(self, user_id: str, notification_id: str) -> Notification | None: ...

    def page(
        self, user_id: str, unread_only: bool, limit: int, after: str | None
    ) -> tuple[list[Notification], str | None]: ...

    def unread_count(self, user_id: str) -> int: ...

    def mark_read(self, user_id: str, notification_ids: list[str]) -> int: ...

    def unread_ids(self, user_id: str) -> Iterator[str]: ...

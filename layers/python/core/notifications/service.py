"""A user's notifications: listing them, counting the unread, marking them read."""

from __future__ import annotations

from core.errors import NotFound
from core.notifications.models import Notification
from core.notifications.ports import NotificationStore
from core.pagination import Page, Position, start_of


class NotificationService:
    def __init__(self, notifications: NotificationStore) -> None:
        self._notifications = notifications

    def notifications_of(
        self, user_id: str, unread_only: bool, limit: int, at: Position | None
    ) -> Page[Notification]:
        found, after = self._notifications.page(
            user_id, unread_only, limit, start_of(at, "notification")
        )
        return Page.after(found, "notification", after)

    def unread_count(self, user_id: str) -> int:
        return self._notifications.unread_count(user_id)

    def read(self, user_id: str, notification_id: str) -> Notification:
        """Mark one read (again: nothing changes); ``NotFound`` if it is not the user's."""
        if self._notifications.get(user_id, notification_id) is None:
            raise NotFound("No such notification.", code="notification_not_found")
        self._notifications.mark_read(user_id, [notification_id])
        found = self._notifications.get(user_id, notification_id)
        if found is None:  # pragma: no cover - notifications are never deleted
            raise NotFound("No such notification.", code="notification_not_found")
        return found

    def read_all(self, user_id: str) -> int:
        """Mark every unread notification read, however many; how many that was."""
        return self._notifications.mark_read(user_id, list(self._notifications.unread_ids(user_id)))

"""Notifications from stream images of the ``notifications`` table (``notification.created``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.notifications.items import NOTIFICATION, NotificationItem, to_notification
from core.notifications.models import Notification


def notification_from_image(image: Mapping[str, Any]) -> Notification | None:
    """The notification of a stream image; ``None`` for the unread counter."""
    if not str(image.get("sk", {}).get("S", "")).startswith(NOTIFICATION):
        return None
    for name in ("user_id", "verb", "actor", "target_type", "target_id", "created_at"):
        if name not in image:
            raise ValueError(f"not a notification image: no {name}")
    return to_notification(NotificationItem.from_raw_data(dict(image)))

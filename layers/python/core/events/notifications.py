"""``notification.created`` from the notifications table's stream, for its recipient."""

from __future__ import annotations

from typing import Literal

from core.events.audiences import Audience, Users
from core.events.models import Event, event_id
from core.notifications.images import notification_from_image
from core.notifications.shapes import NotificationOut
from core.streams import StreamChange


class NotificationCreated(Event):
    type: Literal["notification.created"] = "notification.created"
    data: NotificationOut
    recipient: str


def notification_event(change: StreamChange) -> NotificationCreated | None:
    if change.action != "INSERT" or change.new_image is None:
        return None
    notification = notification_from_image(change.new_image)
    if notification is None:
        return None  # the unread counter
    return NotificationCreated(
        id=event_id(change.table_key, change.sequence_number),
        at=notification.created_at,
        data=NotificationOut.of(notification),
        recipient=notification.user_id,
    )


def notification_audience(event: NotificationCreated) -> Audience:
    return Users(frozenset({event.recipient}))

"""``notification.created`` from the notifications table's stream, for its recipient."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.events.audiences import Audience, Users
from core.events.models import Event, event_id
from core.notifications.items import notification_from_image
from core.notifications.models import Notification, notification_to_dict
from core.streams import StreamChange


class TargetData(BaseModel):
    model_config = ConfigDict(frozen=True)
    type: str
    id: str


class NotificationData(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    verb: str
    actor: str
    target: TargetData
    message: str
    read: bool
    created_at: str

    @classmethod
    def of(cls, notification: Notification) -> NotificationData:
        return cls.model_validate(notification_to_dict(notification))


class NotificationCreated(Event):
    type: Literal["notification.created"] = "notification.created"
    data: NotificationData
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
        data=NotificationData.of(notification),
        recipient=notification.user_id,
    )


def notification_audience(event: NotificationCreated) -> Audience:
    return Users(frozenset({event.recipient}))

"""API models of notifications."""

from __future__ import annotations

from pydantic import BaseModel, Field

from core.notifications.models import Notification, Verb, notification_to_dict
from functions.api.schemas.common import Timestamp
from functions.api.schemas.lists import ListQuery


class TargetOut(BaseModel):
    type: str = Field(examples=["connection_request", "book"])
    id: str


class NotificationOut(BaseModel):
    id: str
    verb: Verb
    actor: str = Field(description="The id of the user whose action this is")
    target: TargetOut
    message: str
    read: bool
    created_at: Timestamp

    @classmethod
    def of(cls, notification: Notification) -> NotificationOut:
        return cls.model_validate(notification_to_dict(notification))


class NotificationQuery(ListQuery):
    unread: bool = Field(default=False, description="Only unread notifications")


class NotificationList(BaseModel):
    items: list[NotificationOut] = Field(description="Newest first")
    next_cursor: str | None


class UnreadCount(BaseModel):
    count: int = Field(ge=0)


class ReadAllOut(BaseModel):
    updated: int = Field(ge=0, description="How many notifications were marked read")

"""A notification's one JSON shape, for REST responses and ``notification.created`` alike:
``{id, verb, actor, target: {type, id}, message, read, created_at}``."""

from __future__ import annotations

from pydantic import BaseModel, Field

from core.json_types import Timestamp
from core.notifications.models import Notification, Verb


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
        return cls.model_validate(notification, from_attributes=True)

"""API models of notifications."""

from __future__ import annotations

from pydantic import BaseModel, Field

from core.notifications.shapes import NotificationOut as NotificationOut
from functions.api.schemas.lists import ListQuery


class NotificationQuery(ListQuery):
    unread: bool = Field(default=False, description="Only unread notifications")


class NotificationList(BaseModel):
    items: list[NotificationOut] = Field(description="Newest first")
    next_cursor: str | None


class UnreadCount(BaseModel):
    count: int = Field(ge=0)


class ReadAllOut(BaseModel):
    updated: int = Field(ge=0, description="How many notifications were marked read")

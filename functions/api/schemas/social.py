"""API models of connection requests and connections."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from core.social.rules import MAX_MESSAGE_LENGTH
from core.social.shapes import RequestOut as RequestOut
from functions.api.schemas.common import StrictModel, Timestamp
from functions.api.schemas.lists import ListQuery
from functions.api.schemas.people import ConnectedProfile

Status = Literal["pending", "accepted", "rejected", "cancelled"]


class RequestCreate(StrictModel):
    to_user_id: str = Field(min_length=1, max_length=128)
    message: str | None = Field(default=None, max_length=MAX_MESSAGE_LENGTH)


class RequestQuery(ListQuery):
    direction: Literal["incoming", "outgoing"] | None = Field(
        default=None, description="Requests to the caller or from the caller; both if absent"
    )
    status: Status | None = Field(default=None, description="Only requests in this state")


class RequestList(BaseModel):
    items: list[RequestOut] = Field(
        description="Pending first, then accepted, rejected, cancelled; newest first in each"
    )
    next_cursor: str | None


class ConnectionOut(BaseModel):
    user: ConnectedProfile = Field(description="The public profile plus email and phone")
    since: Timestamp
    online: bool = Field(description="True while the user has an open WebSocket")
    last_seen: Timestamp | None = Field(
        description="When one of the user's WebSockets last opened or closed"
    )


class ConnectionList(BaseModel):
    items: list[ConnectionOut]
    next_cursor: str | None

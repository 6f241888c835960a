"""A connection request's one JSON shape, for REST responses and WebSocket events alike:
``{id, from_user_id, to_user_id, status, message, created_at, updated_at}``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from core.json_types import Timestamp
from core.social.models import ConnectionRequest


class RequestOut(BaseModel):
    id: str
    from_user_id: str
    to_user_id: str
    status: Literal["pending", "accepted", "rejected", "cancelled"]
    message: str | None
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def of(cls, request: ConnectionRequest) -> RequestOut:
        return cls.model_validate(request, from_attributes=True)

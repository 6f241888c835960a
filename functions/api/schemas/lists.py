"""What every list route accepts: ``?limit=`` (1..100, default 25) and ``?cursor=``."""

from __future__ import annotations

from pydantic import Field

from core.pagination import MAX_CURSOR_LENGTH
from functions.api.schemas.common import StrictModel


class ListQuery(StrictModel):
    limit: int = Field(default=25, ge=1, le=100)
    cursor: str | None = Field(
        default=None,
        max_length=MAX_CURSOR_LENGTH,
        description="The `next_cursor` of the previous page, for the same query",
    )

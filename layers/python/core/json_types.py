"""Field types of the JSON shapes clients see (REST responses and WebSocket events)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, PlainSerializer

from core.clock import rfc3339

Timestamp = Annotated[
    datetime,
    PlainSerializer(rfc3339, return_type=str),
    Field(json_schema_extra={"format": "date-time", "example": "2026-11-21T10:00:00.123Z"}),
]
"""A moment, serialised as RFC 3339 UTC with milliseconds."""

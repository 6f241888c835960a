from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from core.clock import rfc3339

Timestamp = Annotated[
    datetime,
    PlainSerializer(rfc3339, return_type=str),
    Field(json_schema_extra={"format": "date-time", "example": "2026-11-21T10:00:00.123Z"}),
]
"""A moment, serialised as RFC 3339 UTC with milliseconds."""


class StrictModel(BaseModel):
    """Request bodies: unknown fields are an error, so typos are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorInfo(BaseModel):
    code: str = Field(description="snake_case error code", examples=["validation_failed"])
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    error: ErrorInfo

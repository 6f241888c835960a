from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from core.json_types import Timestamp

__all__ = ["ErrorDetail", "ErrorInfo", "ErrorResponse", "StrictModel", "Timestamp"]


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

"""API models of contact export and import."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from functions.api.schemas.common import StrictModel


class ExportQuery(StrictModel):
    format: Literal["csv", "vcard"] = "csv"


class ImportRowError(BaseModel):
    row: int
    field: str | None = None
    message: str


class ImportReportOut(BaseModel):
    created: int
    skipped: int
    errors: list[ImportRowError]

"""Dependencies of the contact history recorder, built once per cold start on first use."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, load_settings

if TYPE_CHECKING:
    from core.contact_history.recorder import HistoryRecorder


class HistorySettings(FunctionSettings):
    contact_history_table: str = Field(alias="CONTACT_HISTORY_TABLE", min_length=1)


@cache
def services() -> HistoryRecorder:
    from core.contact_history.recorder import HistoryRecorder
    from core.contact_history.repository import ContactHistoryRepository
    from core.storage import TableLocation

    settings = load_settings(HistorySettings, os.environ)
    location = TableLocation(
        settings.contact_history_table, settings.region, settings.dynamodb_endpoint_url
    )
    return HistoryRecorder(ContactHistoryRepository(location))

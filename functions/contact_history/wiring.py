"""Dependencies of the contact history recorder, built once per cold start on first use."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, load_settings

if TYPE_CHECKING:
    from core.adapters.stream_batches import RecordDispatch


class HistorySettings(FunctionSettings):
    contact_history_table: str = Field(alias="CONTACT_HISTORY_TABLE", min_length=1)


@cache
def services() -> RecordDispatch[bool]:
    """Each record of the consumer's tables to its handler: contacts → the recorder."""
    from core.adapters.stream_batches import RecordDispatch
    from core.contact_history.recorder import HistoryRecorder
    from core.contact_history.repository import ContactHistoryRepository
    from core.streams import ChangeDispatch
    from functions.stream_consumers import CONTACT_HISTORY

    settings = load_settings(HistorySettings, os.environ)
    recorder = HistoryRecorder(
        ContactHistoryRepository(settings.table_location(settings.contact_history_table))
    )
    changes = ChangeDispatch({"contacts": recorder.record})
    return RecordDispatch(CONTACT_HISTORY.table_keys(os.environ, changes.table_keys), changes)

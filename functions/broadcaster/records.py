"""Which table a stream record comes from, as the event registry knows it."""

from __future__ import annotations

from collections.abc import Mapping

from core.adapters.stream_records import StreamRecord, stream_change, table_name_of
from core.streams import StreamChange


class UnknownTable(ValueError):
    pass


def change_of(record: StreamRecord, table_keys: Mapping[str, str]) -> StreamChange:
    """The record as a change of the table whose physical name ``table_keys`` maps to a key."""
    try:
        name = table_name_of(record.eventSourceARN)
    except ValueError as error:
        raise UnknownTable(str(error)) from None
    if name not in table_keys:
        raise UnknownTable(f"records of table {name!r} are not broadcast")
    return stream_change(record, table_keys[name])

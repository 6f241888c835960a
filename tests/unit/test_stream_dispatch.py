"""Each stream record goes, as a change of its table, to that table's handler; a record of
any other table is refused in one place, as a poison change."""

from __future__ import annotations

from typing import Any

import pytest

from core.adapters.stream_batches import RecordDispatch, StreamRecord
from core.streams import ChangeDispatch, PoisonChange, StreamChange, UnknownTable
from tests.support.events import dynamodb_image, stream_record

TABLES = {"addressbook-test-contacts": "contacts", "addressbook-test-books": "books"}


def record(table_name: str, sequence: int) -> StreamRecord:
    keys = {"id": f"item_{sequence}"}
    raw: dict[str, Any] = stream_record(
        table_name, keys=keys, new_image=dynamodb_image(keys), sequence_number=str(sequence)
    )
    return StreamRecord.model_validate(raw)


def dispatch_to(seen: list[tuple[str, str]]) -> ChangeDispatch[str]:
    def handler(name: str) -> Any:
        def handle(change: StreamChange) -> str:
            seen.append((name, change.table_key))
            return change.sequence_number

        return handle

    return ChangeDispatch({"contacts": handler("people"), "books": handler("books")})


def test_each_record_reaches_the_handler_of_its_table():
    seen: list[tuple[str, str]] = []
    records = RecordDispatch(TABLES, dispatch_to(seen))
    assert records(record("addressbook-test-books", 11)) == "11"
    assert records(record("addressbook-test-contacts", 12)) == "12"
    assert seen == [("books", "books"), ("people", "contacts")]


@pytest.mark.parametrize("table_name", ["addressbook-test-users", "contacts"])
def test_a_record_of_another_table_is_an_unknown_table(table_name: str):
    seen: list[tuple[str, str]] = []
    with pytest.raises(UnknownTable, match=table_name):
        RecordDispatch(TABLES, dispatch_to(seen))(record(table_name, 13))
    assert not seen
    assert issubclass(UnknownTable, PoisonChange)


def test_a_mapped_table_without_a_handler_is_an_unknown_table():
    seen: list[tuple[str, str]] = []
    records = RecordDispatch({**TABLES, "addressbook-test-users": "users"}, dispatch_to(seen))
    with pytest.raises(UnknownTable, match="addressbook-test-users"):
        records(record("addressbook-test-users", 14))


def test_changes_are_dispatched_by_table_key():
    seen: list[tuple[str, str]] = []
    dispatch = dispatch_to(seen)
    assert dispatch.table_keys == frozenset({"contacts", "books"})
    change = record("addressbook-test-books", 15)
    routed, _ = RecordDispatch(TABLES, dispatch).route(change)
    assert routed.table_key == "books"
    with pytest.raises(UnknownTable):
        dispatch(StreamChange("users", "INSERT", "16", routed.at, {}, None, None))

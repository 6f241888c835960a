"""The one declaration of stream consumers: it names real streamed tables, ``app.py``
registers exactly it, and every consumer learns its tables from it."""

from __future__ import annotations

from collections import Counter

import pytest
from chalice.app import Chalice, DynamoDBEventConfig

from core.events.registry import EVENT_SPECS
from core.settings import MissingSetting
from functions.stream_consumers import (
    BROADCASTER,
    STREAM_CONSUMERS,
    StreamConsumer,
    consumes_streams,
)
from functions.stream_sources import stream_of, table_keys_of
from infra.tables import table

ENVIRONMENT = {
    "CONTACTS_TABLE": "addressbook-test-contacts",
    "BOOKS_TABLE": "addressbook-test-books",
}


def test_every_declared_table_exists_and_has_a_stream():
    for consumer in STREAM_CONSUMERS:
        assert consumer.tables, consumer.name
        for key in consumer.tables:
            assert table(key).stream is not None, (consumer.name, key)


def test_no_table_has_more_than_two_consumers():
    readers = Counter(key for consumer in STREAM_CONSUMERS for key in consumer.tables)
    assert max(readers.values()) <= 2, readers
    assert len({consumer.name for consumer in STREAM_CONSUMERS}) == len(STREAM_CONSUMERS)


def test_app_py_registers_exactly_the_declared_consumers():
    import app

    sources = {s.name: s for s in app.app.event_sources if isinstance(s, DynamoDBEventConfig)}
    assert set(sources) == {consumer.name for consumer in STREAM_CONSUMERS}
    for consumer in STREAM_CONSUMERS:
        source = sources[consumer.name]
        assert table_keys_of(source.stream_arn) == consumer.tables
        assert source.batch_size == consumer.batch_size
        assert source.starting_position == consumer.starting_position
        assert source.handler_string == f"app.{consumer.name}"


def test_the_broadcaster_reads_the_table_of_every_event_spec():
    assert set(BROADCASTER.tables) == {spec.table_key for spec in EVENT_SPECS}


def test_a_consumer_is_registered_under_its_declared_name_only():
    app = Chalice("t")
    with pytest.raises(KeyError, match="stream_consumers"):

        @consumes_streams(app)
        def undeclared(event):  # pragma: no cover - never registered
            return event


def test_physical_names_come_from_the_table_variables():
    consumer = StreamConsumer("notifier", tables=("contacts", "books"))
    assert consumer.table_keys(ENVIRONMENT, {"books", "contacts"}) == {
        "addressbook-test-contacts": "contacts",
        "addressbook-test-books": "books",
    }


def test_handlers_must_match_the_declaration():
    consumer = StreamConsumer("notifier", tables=("contacts", "books"))
    with pytest.raises(MissingSetting, match="notifier"):
        consumer.table_keys(ENVIRONMENT, {"contacts"})
    with pytest.raises(MissingSetting, match="notifier"):
        consumer.table_keys(ENVIRONMENT, {"contacts", "books", "users"})


def test_an_unset_table_variable_is_named():
    consumer = StreamConsumer("notifier", tables=("contacts", "users"))
    with pytest.raises(MissingSetting, match="USERS_TABLE"):
        consumer.table_keys(ENVIRONMENT, {"contacts", "users"})


def test_placeholders_name_one_or_more_tables():
    assert table_keys_of(stream_of("contacts")) == ("contacts",)
    assert table_keys_of(stream_of("contacts", "books")) == ("contacts", "books")
    for bad in ("arn:aws:dynamodb:us-east-1:1:table/x/stream/y", stream_of("a")[:-1]):
        with pytest.raises(ValueError, match="placeholder"):
            table_keys_of(bad)
    with pytest.raises(ValueError, match="table keys"):
        stream_of()
    with pytest.raises(ValueError, match="table keys"):
        stream_of("a+b")

"""The real broadcaster handler (``app.broadcaster``) on real stream records: contacts
written through their repository on moto, the stream read back and shaped as Lambda
delivers it; the management API a local HTTP server (410s and 500s on demand)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from core.books.models import Book, Role
from core.books.repository import BookRepository
from core.contact_history.repository import ContactHistoryRepository
from core.contacts.models import Address, Contact
from core.contacts.repository import ContactRepository
from core.contacts.shapes import contact_to_dict
from core.realtime.sockets import SocketRegistry
from core.storage import TableLocation
from infra.tables import table
from tests.support.events import REGION, STAGE, LambdaContext, stream_event
from tests.support.management_api import FakeManagementApi
from tests.support.streams import StreamTap

NOW = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)
CONNECTIONS = {"o1": "owner", "o2": "owner", "v1": "viewer", "s1": "stranger"}
MEMBER_CONNECTIONS = ("o1", "o2", "v1")


def location(key: str) -> TableLocation:
    return TableLocation(table(key).physical_name(STAGE), REGION)


@pytest.fixture
def api(
    function_environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeManagementApi]:
    with FakeManagementApi() as fake:
        monkeypatch.setenv("WEBSOCKET_MANAGEMENT_ENDPOINT", fake.url)
        yield fake


@pytest.fixture
def registry(chalice_app: Any) -> SocketRegistry:
    books = BookRepository(location("books"))
    books.create(Book("book_1", "Mine", "owner", True, NOW))
    books.add_member("book_1", "viewer", Role.VIEWER, NOW)
    connections = SocketRegistry(location("sockets"))
    for connection_id, user_id in CONNECTIONS.items():
        connections.add(connection_id, user_id, NOW)
    return connections


@pytest.fixture
def contacts(registry: SocketRegistry) -> ContactRepository:
    return ContactRepository(
        location("contacts"),
        location("contact_terms"),
        ContactHistoryRepository(location("contact_history")),
    )


@pytest.fixture
def tap(registry: SocketRegistry) -> StreamTap:
    return StreamTap(location("contacts").name, REGION)


def new_contact(contact_id: str = "ct_1", name: str = "Ada Lovelace") -> Contact:
    return Contact(
        id=contact_id, book_id="book_1", name=name, phones=(), emails=(), company="Analytical",
        title=None, address=Address(city="London"), birthday="1815-12-10", notes=None,
        tags=("math",), version=1, created_at=NOW, updated_at=NOW,
        created_by="owner", updated_by="owner",
    )  # fmt: skip


def broadcast(records: list[dict[str, Any]]) -> list[str]:
    import app

    response = app.broadcaster(stream_event(*records), LambdaContext())
    return [failure["itemIdentifier"] for failure in response["batchItemFailures"]]


def test_changes_reach_every_connection_of_every_member_in_order(
    api: FakeManagementApi, contacts: ContactRepository, tap: StreamTap
) -> None:
    created = contacts.create(new_contact())
    updated = replace(created, name="Ada King", version=2)
    assert contacts.replace(created, updated)
    assert contacts.delete(updated, "owner", NOW)

    assert broadcast(tap.records()) == []

    for connection_id in MEMBER_CONNECTIONS:
        assert api.types_and_ids(connection_id) == [
            ("contact.created", "ct_1"), ("contact.updated", "ct_1"), ("contact.deleted", "ct_1")
        ]  # fmt: skip
    assert "s1" not in api.frames
    first, second, third = api.frames["v1"]
    assert first["data"] == contact_to_dict(created)
    assert second["data"]["name"] == "Ada King"
    assert third["data"] == {"id": "ct_1", "book_id": "book_1"}
    assert first["id"] < second["id"] < third["id"]
    assert first["at"].endswith("Z")


def test_a_closed_connection_is_pruned_and_the_others_still_get_the_event(
    api: FakeManagementApi,
    contacts: ContactRepository,
    tap: StreamTap,
    registry: SocketRegistry,
) -> None:
    api.gone.add("o2")
    contacts.create(new_contact())

    assert broadcast(tap.records()) == []

    assert registry.user_of("o2") is None
    assert registry.connections_of("owner") == ["o1"]
    assert [len(api.frames[cid]) for cid in ("o1", "o2", "v1")] == [1, 0, 1]


def test_a_failed_delivery_is_retried_with_the_records_after_it(
    api: FakeManagementApi, contacts: ContactRepository, tap: StreamTap
) -> None:
    api.failing["v1"] = 1000  # more 500s than the transport's own retries: the record fails
    created = contacts.create(new_contact())
    contacts.replace(created, replace(created, name="Ada King", version=2))
    records = tap.records()
    sequence_numbers = [record["dynamodb"]["SequenceNumber"] for record in records]

    assert broadcast(records) == sequence_numbers
    assert api.frames["v1"] == []
    api.failing["v1"] = 0
    assert broadcast(records) == []  # Lambda retries from the first failed record
    expected = [("contact.created", "ct_1"), ("contact.updated", "ct_1")]
    assert api.types_and_ids("v1") == expected
    assert api.types_and_ids("o1") == [("contact.created", "ct_1"), *expected]


def test_an_undecodable_record_is_skipped_and_does_not_block_the_stream(
    api: FakeManagementApi, contacts: ContactRepository, tap: StreamTap
) -> None:
    boto3.client("dynamodb", region_name=REGION).put_item(
        TableName=location("contacts").name,
        Item={"book_id": {"S": "book_1"}, "contact_id": {"S": "ct_bad"}, "name": {"S": "?"}},
    )
    contacts.create(new_contact("ct_2"))

    assert broadcast(tap.records()) == []
    assert api.types_and_ids("o1") == [("contact.created", "ct_2")]

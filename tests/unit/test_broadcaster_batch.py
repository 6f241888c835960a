"""The batch semantics of the broadcaster's record handler, with fake ports: records in
order, a poison record skipped, a failed delivery reported with every record after it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)

from core.adapters.stream_batches import StreamRecord
from core.events.audiences import AudienceResolver
from core.events.registry import specs_by_table
from core.realtime.broadcaster import Broadcaster
from core.realtime.fanout import FanOut
from functions.broadcaster.record_handler import RecordHandler
from functions.broadcaster.wiring import BroadcasterServices
from tests.support.events import LambdaContext, dynamodb_image, stream_event, stream_record
from tests.support.realtime import (
    FakeBooks,
    FakeConnections,
    FakeDirectory,
    FakeSender,
    fake_contact_spec,
)

TABLE = "addressbook-test-contacts"
CONNECTIONS = {"owner": ["o1", "o2"], "viewer": ["v1"], "stranger": ["s1"]}


@pytest.fixture
def metrics() -> Iterator[Metrics]:
    metrics = Metrics(namespace="Test", service="broadcaster")
    metrics.clear_metrics()
    yield metrics
    metrics.clear_metrics()


def run_batch(
    records: list[dict[str, Any]], sender: FakeSender, metrics: Metrics
) -> dict[str, Any]:
    spec = fake_contact_spec()
    with ThreadPoolExecutor(max_workers=4) as executor:
        broadcaster = Broadcaster(
            specs_by_table((spec,)),
            AudienceResolver(FakeBooks({"book_1": ["owner", "viewer"]}), FakeConnections()),
            FanOut(FakeDirectory(CONNECTIONS), sender, executor),
        )
        wired = BroadcasterServices(broadcaster, {TABLE: "contacts"}, Logger("test"), metrics)
        processor = BatchProcessor(
            EventType.DynamoDBStreams, model=StreamRecord, raise_on_entire_batch_failure=False
        )
        return dict(
            process_partial_response(
                stream_event(*records),
                RecordHandler(wired),
                processor,
                LambdaContext(),  # type: ignore[arg-type]
            )
        )


def contact(
    sequence: int, name: str | None = "Ada", *, table: str = TABLE, **extra: Any
) -> dict[str, Any]:
    keys = {"book_id": "book_1", "contact_id": f"ct_{sequence}"}
    image = {**keys, "name": name, **extra}
    return stream_record(
        table, keys=keys, new_image=dynamodb_image(image), sequence_number=f"{sequence:021d}"
    )


def ids_seen(sender: FakeSender, connection_id: str) -> list[str]:
    return [frame["data"]["id"] for frame in sender.frames[connection_id]]


def test_records_reach_every_member_connection_in_order(metrics: Metrics) -> None:
    sender = FakeSender()
    response = run_batch([contact(n) for n in (1, 2, 3)], sender, metrics)
    assert response == {"batchItemFailures": []}
    for connection_id in ("o1", "o2", "v1"):
        assert ids_seen(sender, connection_id) == ["ct_1", "ct_2", "ct_3"]
    assert "s1" not in sender.frames
    assert metrics.metric_set["Events"]["Value"] == [1.0, 1.0, 1.0]
    assert metrics.metric_set["Deliveries"]["Value"] == [3.0, 3.0, 3.0]


def test_a_poison_record_is_skipped_and_does_not_block_the_others(metrics: Metrics) -> None:
    sender = FakeSender()
    records = [contact(1), contact(2, name=None), contact(3, table="other-table"), contact(4)]
    response = run_batch(records, sender, metrics)
    assert response == {"batchItemFailures": []}
    assert ids_seen(sender, "o1") == ["ct_1", "ct_4"]
    assert metrics.metric_set["PoisonRecords"]["Value"] == [1.0, 1.0]


def test_a_failed_delivery_fails_its_record_and_every_later_one(metrics: Metrics) -> None:
    sender = FakeSender(failing={"v1": {1}})
    records = [contact(1), contact(2), contact(3)]
    first = run_batch(records, sender, metrics)
    failed = [item["itemIdentifier"] for item in first["batchItemFailures"]]
    assert failed == [f"{2:021d}", f"{3:021d}"]
    assert ids_seen(sender, "v1") == ["ct_1"]
    assert ids_seen(sender, "o1") == ["ct_1", "ct_2"]  # tried before the failure was known
    assert metrics.metric_set["FailedRecords"]["Value"] == [1.0]

    retry = run_batch(records[1:], sender, metrics)  # what Lambda does next
    assert retry == {"batchItemFailures": []}
    assert ids_seen(sender, "v1") == ["ct_1", "ct_2", "ct_3"]
    assert ids_seen(sender, "o1") == ["ct_1", "ct_2", "ct_2", "ct_3"]  # at least once


def test_a_closed_connection_is_counted_as_pruned(metrics: Metrics) -> None:
    sender = FakeSender(gone={"o2"})
    assert run_batch([contact(1)], sender, metrics) == {"batchItemFailures": []}
    assert metrics.metric_set["PrunedConnections"]["Value"] == [1.0]
    assert metrics.metric_set["Deliveries"]["Value"] == [2.0]

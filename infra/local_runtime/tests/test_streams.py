"""The stream pollers: DynamoDB Local writes reach the toy app's stream functions."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from infra.local_runtime.testing import skip_or_fail_without_prerequisites
from infra.local_runtime.tests.conftest import Entries, Toy, toy_runtime
from infra.stream_mappings import STREAM_MAPPING

pytestmark = pytest.mark.e2e

TABLE = "addressbook-local-contacts"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def delivered(entries: Entries, contact_id: str) -> list[dict[str, Any]]:
    """The invocations that handled ``contact_id`` successfully."""
    return [
        e
        for e in entries
        if contact_id in e["ids"]
        and e["outcome"] != "raised"
        and contact_id not in [_id_of(f, e) for f in e.get("failures", [])]
    ]


def _id_of(failure: dict[str, str], entry: dict[str, Any]) -> str:
    for record in entry["records"]:
        if record["dynamodb"]["SequenceNumber"] == failure["itemIdentifier"]:
            return str(record["dynamodb"]["Keys"]["contact_id"]["S"])
    return ""


def wait_delivered(toy: Toy, *contact_ids: str, timeout: float = 5.0) -> Entries:
    return toy.events.wait_for(
        "stream", lambda e: all(delivered(e, c) for c in contact_ids), timeout
    )


def batch_write(toy: Toy, contacts: list[tuple[str, str]]) -> None:
    requests = [
        {"PutRequest": {"Item": {"book_id": {"S": "b"}, "contact_id": {"S": c}, "mode": {"S": m}}}}
        for c, m in contacts
    ]
    toy.runtime.client("dynamodb").batch_write_item(RequestItems={TABLE: requests})


def test_records_arrive_in_order_in_the_lambda_event_shape(toy: Toy) -> None:
    ids = [unique(f"order{i}") for i in range(10)]
    started = time.monotonic()
    toy.put_contact(ids[0])
    entries = wait_delivered(toy, ids[0])
    assert time.monotonic() - started < 2.0  # typically ~50 ms; generous for a busy CI machine
    for contact_id in ids[1:]:
        toy.put_contact(contact_id)
    entries = wait_delivered(toy, *ids)
    seen = [i for e in entries if e["outcome"] == "ok" for i in e["ids"] if i in ids]
    assert seen == ids
    assert all(len(e["ids"]) <= 4 for e in entries)  # the toy's batch_size
    record = next(
        r
        for e in entries
        for r in e["records"]
        if r["dynamodb"]["Keys"]["contact_id"]["S"] == ids[0]
    )
    stream_arn = toy.runtime.client("dynamodb").describe_table(TableName=TABLE)["Table"][
        "LatestStreamArn"
    ]
    assert record["eventSourceARN"] == stream_arn
    assert (record["eventName"], record["eventVersion"], record["eventSource"]) == (
        "INSERT",
        "1.1",
        "aws:dynamodb",
    )
    assert record["awsRegion"] == "us-east-1"
    dynamodb = record["dynamodb"]
    assert dynamodb["Keys"] == {"book_id": {"S": "book-1"}, "contact_id": {"S": ids[0]}}
    assert dynamodb["NewImage"]["mode"] == {"S": ""}
    assert dynamodb["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert isinstance(dynamodb["ApproximateCreationDateTime"], int)
    assert dynamodb["SequenceNumber"]
    assert dynamodb["SizeBytes"] > 0
    latest = toy.events.wait_for("latest", lambda e: ids[-1] in [i for x in e for i in x["ids"]])
    assert [i for x in latest for i in x["ids"] if i in ids] == ids


def test_a_failed_batch_is_retried(toy: Toy) -> None:
    flaky = unique("flaky")
    toy.put_contact(flaky, mode="raise_once")
    entries = wait_delivered(toy, flaky)
    assert next(e["outcome"] for e in entries if flaky in e["ids"]) == "raised"
    assert len(delivered(entries, flaky)) == 1


def test_batch_item_failures_redeliver_only_the_failed_item_and_after(toy: Toy) -> None:
    ids = [unique(f"item{i}") for i in range(4)]
    batch_write(toy, [(ids[0], ""), (ids[1], "fail_item_once"), (ids[2], ""), (ids[3], "")])
    entries = wait_delivered(toy, *ids)
    partial = next(e for e in entries if e["outcome"] == "partial" and ids[1] in e["ids"])
    failed_at = partial["ids"].index(ids[1])
    later = entries[entries.index(partial) + 1 :]
    redelivery = next(e for e in later if set(e["ids"]) & set(partial["ids"]))
    assert redelivery["ids"][: len(partial["ids"]) - failed_at] == partial["ids"][failed_at:]
    for contact_id in partial["ids"][:failed_at]:
        assert sum(contact_id in e["ids"] for e in entries) == 1


def test_records_that_exhaust_their_retries_go_to_the_failure_log(toy: Toy) -> None:
    poison, after = unique("poison"), unique("after")
    toy.put_contact(poison, mode="raise")
    toy.put_contact(after)
    entries = wait_delivered(toy, after, timeout=10)
    alone = [e for e in entries if e["ids"] == [poison]]
    assert len(alone) == 1 + STREAM_MAPPING.maximum_retry_attempts
    assert not delivered(entries, poison)
    failure_log = toy.runtime.state_dir / "stream-failures.jsonl"
    failures = [json.loads(line) for line in failure_log.read_text().splitlines()]
    failure = next(
        f for f in failures if f["records"][0]["dynamodb"]["Keys"]["contact_id"]["S"] == poison
    )
    assert failure["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert failure["requestContext"]["functionArn"].endswith(":function:toy-local-contacts_changed")
    assert failure["DDBStreamBatchInfo"]["batchSize"] == 1


def test_a_write_right_after_ready_reaches_the_handlers_at_once(tmp_path: Path) -> None:
    """DynamoDB Local calls the first GetRecords of a fresh table's shard "trimmed" when
    other tables were written to first (its sequence numbers are global)."""
    skip_or_fail_without_prerequisites()
    fresh = toy_runtime(tmp_path, True)
    with fresh.runtime as runtime:
        dynamodb = runtime.client("dynamodb")
        dynamodb.put_item(
            TableName="addressbook-local-users", Item={"pk": {"S": "other-table-first"}}
        )
        fresh.put_contact("first")
        written = time.monotonic()
        fresh.events.wait_for("stream", lambda e: bool(delivered(e, "first")))
        fresh.events.wait_for("latest", lambda e: any("first" in x["ids"] for x in e))
        elapsed = time.monotonic() - written
        assert "polling addressbook-local-contacts failed" not in runtime.log
    assert elapsed < 0.5, elapsed  # ~30 ms; it was over 1 s (an error pause)

"""The poller's shard bookkeeping against a fake DynamoDB Streams (no network)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from functions.stream_sources import stream_of
from infra.local_runtime.app_loader import Function, StreamSource
from infra.local_runtime.batches import RetryPolicy
from infra.local_runtime.checkpoints import CheckpointStore
from infra.local_runtime.failure_log import FailureLog
from infra.local_runtime.invoker import Describe, Invocation
from infra.local_runtime.stream_poller import StreamPoller

ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/addressbook-local-contacts/stream/x"


class Expired(Exception):
    pass


class Trimmed(Exception):
    pass


class FakeStreams:
    """Shards as lists of records; an iterator is ``<shard>:<index>``; one shard per page.

    Like DynamoDB Local, an iterator taken while its shard was empty (``...:empty``)
    is refused as trimmed once the shard has records."""

    class exceptions:  # noqa: N801 - mirrors boto3's client.exceptions
        ExpiredIteratorException = Expired
        TrimmedDataAccessException = Trimmed

    def __init__(self) -> None:
        self.shards: dict[str, list[int]] = {}
        self.parents: dict[str, str] = {}
        self.closed: set[str] = set()
        self.lock = threading.Lock()

    def add(self, shard_id: str, numbers: list[int], parent: str | None = None) -> None:
        with self.lock:
            self.shards[shard_id] = numbers
            if parent:
                self.parents[shard_id] = parent

    # The fakes take boto3's keyword arguments, named as boto3 names them.
    def describe_table(self, **request: str) -> dict[str, Any]:
        return {"Table": {"TableName": request["TableName"], "LatestStreamArn": ARN}}

    def describe_stream(self, **request: str) -> dict[str, Any]:
        with self.lock:
            ids = sorted(self.shards)
            after = request.get("ExclusiveStartShardId")
            start = ids.index(after) + 1 if after else 0
            page = ids[start : start + 1]
            shards = [
                {"ShardId": s, **({"ParentShardId": self.parents[s]} if s in self.parents else {})}
                for s in page
            ]
            more = {"LastEvaluatedShardId": page[-1]} if start + 1 < len(ids) else {}
        return {"StreamDescription": {"Shards": shards, **more}}

    def get_shard_iterator(self, **request: str) -> dict[str, Any]:
        shard_id, kind = request["ShardId"], request["ShardIteratorType"]
        with self.lock:
            numbers = self.shards[shard_id]
            if kind == "TRIM_HORIZON":
                index = 0
            elif kind == "LATEST":
                index = len(numbers)
            else:
                index = numbers.index(int(request["SequenceNumber"])) + 1
        return {"ShardIterator": f"{shard_id}:{index}" + ("" if numbers else ":empty")}

    def get_records(self, **request: Any) -> dict[str, Any]:
        limit: int = request["Limit"]
        shard_id, index_text, *empty = request["ShardIterator"].split(":")
        index = int(index_text)
        with self.lock:
            if empty and self.shards[shard_id]:
                raise Trimmed("The operation attempted to read past the oldest stream record")
            numbers = self.shards[shard_id][index : index + limit]
            end = index + len(numbers)
            finished = shard_id in self.closed and end == len(self.shards[shard_id])
        records = [
            {
                "eventID": str(n),
                "eventName": "INSERT",
                "dynamodb": {
                    "Keys": {"id": {"N": str(n)}},
                    "SequenceNumber": str(n),
                    "SizeBytes": 1,
                },
            }
            for n in numbers
        ]
        response: dict[str, Any] = {"Records": records}
        if not finished:
            response["NextShardIterator"] = f"{shard_id}:{end}" + (":empty" if empty else "")
        return response


class FakeInvoker:
    def __init__(self, fail: set[int] | None = None) -> None:
        self.batches: list[list[int]] = []
        self.fail = fail or set()

    def invoke_blocking(
        self, function: Function, event: dict[str, Any], label: str, describe: Describe
    ) -> Invocation:
        numbers = [int(r["dynamodb"]["SequenceNumber"]) for r in event["Records"]]
        self.batches.append(numbers)
        if self.fail & set(numbers):
            return Invocation(None, RuntimeError("boom"), 1.0, "id")
        return Invocation(None, None, 1.0, "id")

    @property
    def delivered(self) -> list[int]:
        return [n for batch in self.batches for n in batch if not self.fail & set(batch)]


def poller(
    streams: FakeStreams, invoker: FakeInvoker, tmp_path: Path, position: str = "TRIM_HORIZON"
) -> StreamPoller:
    function = Function("toy-local-changes", "changes", lambda event, context: None)
    return StreamPoller(
        StreamSource(function, stream_of("contacts"), 2, position),
        invoker,
        (streams, streams),
        "local",
        "us-east-1",
        CheckpointStore(tmp_path / "checkpoints", function.name),
        FailureLog(tmp_path / "failures.jsonl"),
        RetryPolicy(1, True, True, backoff_seconds=0.0),
        0.005,
        "arn:aws:lambda:us-east-1:123456789012:function:toy-local-changes",
    )


def run_until(started: StreamPoller, condition: Any, timeout: float = 5.0) -> None:
    started.start()
    deadline = time.monotonic() + timeout
    try:
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.005)
    finally:
        started.stop()


def test_reads_parents_before_children_across_pages_and_new_shards(tmp_path: Path) -> None:
    streams, invoker = FakeStreams(), FakeInvoker()
    streams.add("a-parent", [1, 2, 3])
    streams.add("b-child", [4, 5], parent="a-parent")
    streams.closed.add("a-parent")
    started = poller(streams, invoker, tmp_path)
    started.prepare()

    def split_while_running() -> bool:
        if invoker.delivered == [1, 2, 3, 4, 5] and "c-new" not in streams.shards:
            streams.add("c-new", [9], parent="b-child")
            streams.closed.add("b-child")  # a shard closes; its child appears
        return invoker.delivered == [1, 2, 3, 4, 5, 9]

    run_until(started, split_while_running)
    assert all(len(batch) <= 2 for batch in invoker.batches)


def test_a_restart_resumes_after_the_checkpoint(tmp_path: Path) -> None:
    streams, invoker = FakeStreams(), FakeInvoker()
    streams.add("s", [1, 2, 3])
    first = poller(streams, invoker, tmp_path)
    first.prepare()
    run_until(first, lambda: invoker.delivered == [1, 2, 3])
    streams.add("s", [1, 2, 3, 4])
    second = poller(streams, invoker, tmp_path)
    second.prepare()
    run_until(second, lambda: invoker.delivered == [1, 2, 3, 4])
    time.sleep(0.05)
    assert invoker.delivered == [1, 2, 3, 4]


@pytest.mark.parametrize(("position", "expected"), [("LATEST", [3]), ("TRIM_HORIZON", [1, 2, 3])])
def test_the_starting_position_applies_to_a_first_start(
    tmp_path: Path, position: str, expected: list[int]
) -> None:
    streams, invoker = FakeStreams(), FakeInvoker()
    streams.add("s", [1, 2])
    started = poller(streams, invoker, tmp_path, position)
    started.prepare()  # "ready": a LATEST consumer skips what exists now, and only that
    streams.add("s", [1, 2, 3])
    run_until(started, lambda: 3 in invoker.delivered)
    assert invoker.delivered == expected


def test_exhausted_records_go_to_the_failure_log_and_delivery_moves_on(tmp_path: Path) -> None:
    streams, invoker = FakeStreams(), FakeInvoker(fail={2})
    streams.add("s", [1, 2, 3])
    started = poller(streams, invoker, tmp_path)
    started.prepare()
    run_until(started, lambda: 3 in invoker.delivered)
    assert invoker.delivered == [1, 3]
    assert invoker.batches.count([2]) == 2  # a try and one retry
    assert '"startSequenceNumber": "2"' in (tmp_path / "failures.jsonl").read_text()


@pytest.mark.parametrize("position", ["LATEST", "TRIM_HORIZON"])
def test_the_first_records_of_an_empty_shard_arrive_at_once(tmp_path: Path, position: str) -> None:
    streams, invoker = FakeStreams(), FakeInvoker()
    streams.add("s", [])
    started = poller(streams, invoker, tmp_path, position)
    started.prepare()
    started.start()
    try:
        time.sleep(0.05)  # idle polls: the poller holds an iterator taken on the empty shard
        streams.add("s", [1, 2, 3])
        written = time.monotonic()
        while invoker.delivered != [1, 2, 3]:
            assert time.monotonic() - written < 0.5, invoker.batches  # not the 1 s error pause
            time.sleep(0.002)
        time.sleep(0.05)
    finally:
        started.stop()
    assert invoker.delivered == [1, 2, 3]  # nothing lost, nothing read twice


def test_an_idle_stream_is_polled_ever_less_often_down_to_a_floor() -> None:
    from infra.local_runtime.stream_poller import MAX_IDLE_WAIT_SECONDS, idle_wait

    waits = [idle_wait(0.025, rounds) for rounds in range(8)]
    assert waits[:4] == [0.025, 0.05, 0.1, 0.1]
    assert waits == sorted(waits)
    assert max(waits) == MAX_IDLE_WAIT_SECONDS
    assert idle_wait(0.5, 3) == 0.5  # a longer interval than the floor is kept as it is

"""One poller per ``on_dynamodb_record`` source: reads every shard of the table's stream on
DynamoDB Local and hands the records to the function, like Lambda's event source mapping."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Protocol

from functions.stream_sources import table_keys_of
from infra.local_runtime.app_loader import Function, StreamSource
from infra.local_runtime.batches import Outcome, RetryPolicy, deliver, outcome_of
from infra.local_runtime.checkpoints import CheckpointStore, StreamCheckpoint
from infra.local_runtime.failure_log import FailureLog
from infra.local_runtime.invoker import Describe, Invocation
from infra.local_runtime.stream_events import lambda_record, sequence_number, stream_event
from infra.local_runtime.stream_reader import StaleIterator, StreamReader
from infra.tables import table

log = logging.getLogger("local_runtime.streams")

SHARD_REFRESH_SECONDS = 1.0
ERROR_PAUSE_SECONDS = 1.0
MAX_IDLE_WAIT_SECONDS = 0.1
"""An idle stream is polled ever less often, down to this: a dozen pollers each polling every
25 ms kept DynamoDB Local busy (0.56 CPU-seconds a second with nothing written; 0.36 so)."""


def idle_wait(poll_interval: float, idle_rounds: int) -> float:
    """How long to wait after ``idle_rounds`` empty polls in a row: the poll interval,
    doubling while the stream stays idle, up to ``MAX_IDLE_WAIT_SECONDS``."""
    doubled = poll_interval * (1 << min(idle_rounds, 16))
    return min(doubled, max(poll_interval, MAX_IDLE_WAIT_SECONDS))


class BlockingInvoker(Protocol):
    def invoke_blocking(
        self, function: Function, event: dict[str, Any], label: str, describe: Describe
    ) -> Invocation: ...


def _describe(result: Any) -> str:
    failures = result.get("batchItemFailures") if isinstance(result, dict) else None
    return f"{len(failures)} item failure(s)" if failures else "ok"


class StreamPoller:
    def __init__(
        self,
        source: StreamSource,
        invoker: BlockingInvoker,
        clients: tuple[Any, Any],
        stage: str,
        region: str,
        store: CheckpointStore,
        failures: FailureLog,
        policy: RetryPolicy,
        poll_interval: float,
        function_arn: str,
    ):
        self._source = source
        self._invoker = invoker
        self._dynamodb, self._streams = clients
        try:
            (table_key,) = table_keys_of(source.stream_arn)
            self._table = table(table_key).physical_name(stage)
        except (ValueError, KeyError) as error:
            raise SystemExit(
                f"error: {source.function.name}: {error}; declare stream sources with "
                "functions.stream_sources.stream_of(<table key from infra/tables.py>)"
            ) from None
        self._region = region
        self._store = store
        self._failures = failures
        self._policy = policy
        self._poll_interval = poll_interval
        self._function_arn = function_arn
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"poller-{source.function.key}", daemon=True
        )
        self._iterators: dict[str, str] = {}
        self._shards: list[dict[str, Any]] = []
        self.stream_arn = ""
        self._reader = StreamReader(self._streams, "")
        self._checkpoint = StreamCheckpoint("")

    @property
    def function(self) -> Function:
        return self._source.function

    @property
    def table(self) -> str:
        """The physical name of the table whose stream this poller reads."""
        return self._table

    def prepare(self) -> None:
        """Find the stream and the starting position; runs before the runtime is ready, so
        with ``LATEST`` exactly the records written before "ready" are skipped."""
        description = self._dynamodb.describe_table(TableName=self._table)["Table"]
        if "LatestStreamArn" not in description:
            raise SystemExit(
                f"error: table {self._table} has no stream for {self._source.function.name}"
            )
        self.stream_arn = description["LatestStreamArn"]
        self._reader = StreamReader(self._streams, self.stream_arn)
        checkpoint = self._store.load(self.stream_arn)
        self._shards = self._reader.shards()
        if checkpoint is None:
            checkpoint = StreamCheckpoint(self.stream_arn)
            if self._source.starting_position == "LATEST":
                for shard in self._shards:
                    self._reader.skip_existing(checkpoint, shard["ShardId"])
            self._store.save(checkpoint)
        self._checkpoint = checkpoint

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the batch in flight, with its checkpoint written."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        next_refresh = time.monotonic() + SHARD_REFRESH_SECONDS
        idle_rounds = 0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_refresh:
                    self._refresh_shards()
                    next_refresh = time.monotonic() + SHARD_REFRESH_SECONDS
                busy = False
                for shard_id in self._checkpoint.pollable(self._shards):
                    if self._stop.is_set():
                        return
                    result = self._poll(shard_id)
                    if result == "finished":
                        next_refresh = 0.0
                    busy = busy or result in ("records", "finished")
                if busy:
                    idle_rounds = 0
                else:
                    self._stop.wait(idle_wait(self._poll_interval, idle_rounds))
                    idle_rounds += 1
            except Exception as error:
                log.warning(
                    "%s: polling %s failed: %s", self._source.function.name, self._table, error
                )
                self._iterators.clear()
                self._stop.wait(ERROR_PAUSE_SECONDS)

    def _poll(self, shard_id: str) -> str:
        """Read and deliver one batch of a shard: "records", "idle", "finished" or "stopped"."""
        raw, next_iterator = self._read(shard_id)
        records = [lambda_record(r, self._region, self.stream_arn) for r in raw]
        if records and not self._deliver(shard_id, records):
            return "stopped"  # resumes from the checkpoint
        if next_iterator is None:
            self._checkpoint.finish(shard_id)
            self._store.save(self._checkpoint)
            return "finished"
        self._iterators[shard_id] = next_iterator
        return "records" if records else "idle"

    def _read(self, shard_id: str) -> tuple[list[dict[str, Any]], str | None]:
        """The next records of the shard, from the iterator held since the last read or,
        if there is none or it went stale, from a new one at the checkpoint: the same
        position, so nothing is skipped or read twice. Stale twice in a row: raises."""
        held = self._iterators.pop(shard_id, None)
        if held is not None:
            try:
                return self._reader.read(held, self._source.batch_size)
            except StaleIterator:
                pass
        fresh = self._reader.iterator(shard_id, self._checkpoint.position(shard_id))
        return self._reader.read(fresh, self._source.batch_size)

    def _deliver(self, shard_id: str, records: list[dict[str, Any]]) -> bool:
        function = self._source.function

        def invoke(batch: list[dict[str, Any]]) -> Outcome:
            label = f"{len(batch)} record(s) of {shard_id}"
            invocation = self._invoker.invoke_blocking(
                function, stream_event(batch), label, _describe
            )
            numbers = [sequence_number(record) for record in batch]
            return outcome_of(
                invocation.value, invocation.error, numbers, self._policy.report_failures
            )

        def done(batch: list[dict[str, Any]]) -> None:
            self._checkpoint.advance(shard_id, sequence_number(batch[-1]))
            self._store.save(self._checkpoint)

        def discard(batch: list[dict[str, Any]], retries: int) -> None:
            self._failures.record(self._function_arn, self.stream_arn, shard_id, batch, retries)
            done(batch)

        def pause(seconds: float) -> None:
            self._stop.wait(seconds)

        return deliver(records, invoke, self._policy, done, discard, self._stop.is_set, pause)

    def _refresh_shards(self) -> None:
        self._shards = self._reader.shards()
        listed = {shard["ShardId"] for shard in self._shards}
        for shard_id in list(self._checkpoint.shards):
            if shard_id not in listed:
                del self._checkpoint.shards[shard_id]

"""How a batch of stream records gets delivered, as Lambda's event source mapping does it.

- A batch whose function raises is split in two (``bisect_batch_on_function_error``),
  halves in order, until the failing record stands alone; splitting is not a retry.
- ``{"batchItemFailures": [{"itemIdentifier": <SequenceNumber>}]}`` marks the records
  before the first failed one as done; that one and the rest are retried.
- A batch that has used up ``maximum_retry_attempts`` retries goes to the on-failure
  destination and delivery moves on.
Everything is reported in stream order, so the caller can checkpoint after each step.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from infra.stream_mappings import StreamMappingSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    first_failed: int | None
    """Index of the first record to retry; None when the whole batch succeeded."""
    raised: bool = False
    """The function raised (the batch may be bisected)."""


SUCCESS = Outcome(None)


def outcome_of(
    value: Any, error: BaseException | None, sequence_numbers: Sequence[str], report_failures: bool
) -> Outcome:
    """Judge one invocation's result for a batch with the given sequence numbers."""
    if error is not None:
        return Outcome(0, raised=True)
    if not report_failures or not isinstance(value, dict):
        return SUCCESS
    failures = value.get("batchItemFailures")
    if not failures:
        return SUCCESS
    if not isinstance(failures, list):
        return Outcome(0)
    indexes = []
    for failure in failures:
        identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
        if identifier not in sequence_numbers:
            return Outcome(0)  # Lambda treats an unknown or empty identifier as a failed batch
        indexes.append(sequence_numbers.index(identifier))
    return Outcome(min(indexes))


@dataclass(frozen=True)
class RetryPolicy:
    maximum_retry_attempts: int
    """-1 retries until the records expire, as on AWS."""
    bisect_on_error: bool
    report_failures: bool
    backoff_seconds: float = 0.01
    max_backoff_seconds: float = 0.5

    @classmethod
    def of(cls, mapping: StreamMappingSettings) -> RetryPolicy:
        return cls(
            mapping.maximum_retry_attempts,
            mapping.bisect_batch_on_function_error,
            mapping.report_batch_item_failures,
        )

    def exhausted(self, retries: int) -> bool:
        return 0 <= self.maximum_retry_attempts <= retries

    def backoff(self, retries: int) -> float:
        return float(min(self.backoff_seconds * 2**retries, self.max_backoff_seconds))


def deliver(
    records: Sequence[T],
    invoke: Callable[[list[T]], Outcome],
    policy: RetryPolicy,
    on_done: Callable[[list[T]], None],
    on_discard: Callable[[list[T], int], None],
    should_stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Deliver ``records`` in order; False if stopped before all were done or discarded."""
    pending: deque[tuple[list[T], int]] = deque([(list(records), 0)] if records else [])
    while pending:
        if should_stop():
            return False
        batch, retries = pending.popleft()
        outcome = invoke(batch)
        if outcome.first_failed is None:
            on_done(batch)
            continue
        done, failed = batch[: outcome.first_failed], batch[outcome.first_failed :]
        if done:
            on_done(done)
        if outcome.raised and policy.bisect_on_error and len(failed) > 1:
            middle = (len(failed) + 1) // 2
            pending.appendleft((failed[middle:], retries))
            pending.appendleft((failed[:middle], retries))
        elif policy.exhausted(retries):
            on_discard(failed, retries)
        else:
            sleep(policy.backoff(retries))
            pending.appendleft((failed, retries + 1))
    return True

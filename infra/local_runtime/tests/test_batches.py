from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from infra.local_runtime.batches import SUCCESS, Outcome, RetryPolicy, deliver, outcome_of
from infra.stream_mappings import STREAM_MAPPING

POLICY = RetryPolicy(maximum_retry_attempts=2, bisect_on_error=True, report_failures=True)


class Recorder:
    def __init__(self, judge: Callable[[list[int]], Outcome]):
        self.judge = judge
        self.invocations: list[list[int]] = []
        self.done: list[int] = []
        self.discarded: list[tuple[list[int], int]] = []

    def invoke(self, batch: list[int]) -> Outcome:
        self.invocations.append(batch)
        return self.judge(batch)

    def run(self, records: list[int], policy: RetryPolicy = POLICY) -> bool:
        return deliver(
            records,
            self.invoke,
            policy,
            self.done.extend,
            lambda batch, retries: self.discarded.append((batch, retries)),
            sleep=lambda _: None,
        )


def poison(bad: set[int]) -> Callable[[list[int]], Outcome]:
    return lambda batch: Outcome(0, raised=True) if bad & set(batch) else SUCCESS


def test_the_policy_comes_from_the_stream_mapping_settings() -> None:
    policy = RetryPolicy.of(STREAM_MAPPING)
    assert policy.maximum_retry_attempts == STREAM_MAPPING.maximum_retry_attempts
    assert policy.bisect_on_error is STREAM_MAPPING.bisect_batch_on_function_error


def test_a_successful_batch_is_delivered_once() -> None:
    recorder = Recorder(lambda batch: SUCCESS)
    assert recorder.run([1, 2, 3])
    assert recorder.invocations == [[1, 2, 3]]
    assert recorder.done == [1, 2, 3]


def test_a_failing_batch_is_bisected_until_the_bad_record_is_alone() -> None:
    recorder = Recorder(poison({3}))
    recorder.run([1, 2, 3, 4])
    assert recorder.invocations[:3] == [[1, 2, 3, 4], [1, 2], [3, 4]]
    assert recorder.invocations[3:] == [[3], [3], [3], [4]]  # a try and 2 retries, then on
    assert recorder.done == [1, 2, 4]
    assert recorder.discarded == [([3], 2)]


def test_without_bisect_the_whole_batch_is_retried_then_discarded() -> None:
    policy = RetryPolicy(maximum_retry_attempts=1, bisect_on_error=False, report_failures=True)
    recorder = Recorder(poison({2}))
    recorder.run([1, 2], policy)
    assert recorder.invocations == [[1, 2], [1, 2]]
    assert recorder.discarded == [([1, 2], 1)]


def test_item_failures_resume_from_the_first_failed_record() -> None:
    outcomes = iter([Outcome(2), SUCCESS])
    recorder = Recorder(lambda batch: next(outcomes))
    recorder.run([1, 2, 3, 4])
    assert recorder.invocations == [[1, 2, 3, 4], [3, 4]]
    assert recorder.done == [1, 2, 3, 4]


def test_stopping_leaves_the_rest_undone() -> None:
    calls: list[list[int]] = []

    def invoke(batch: list[int]) -> Outcome:
        calls.append(batch)
        return Outcome(0, raised=True)

    done: list[int] = []
    stopped = deliver([1, 2], invoke, POLICY, done.extend, lambda b, r: None, lambda: bool(calls))
    assert stopped is False
    assert calls == [[1, 2]]
    assert done == []


def test_outcome_of_an_invocation() -> None:
    numbers = ["10", "11", "12"]
    assert outcome_of(None, RuntimeError(), numbers, True) == Outcome(0, raised=True)
    assert outcome_of(None, None, numbers, True) == SUCCESS
    assert outcome_of({"batchItemFailures": []}, None, numbers, True) == SUCCESS
    failures = {"batchItemFailures": [{"itemIdentifier": "12"}, {"itemIdentifier": "11"}]}
    assert outcome_of(failures, None, numbers, True) == Outcome(1)
    assert outcome_of(failures, None, numbers, False) == SUCCESS
    unknown = {"batchItemFailures": [{"itemIdentifier": "99"}]}
    assert outcome_of(unknown, None, numbers, True) == Outcome(0)
    assert outcome_of(
        {"batchItemFailures": [{"itemIdentifier": None}]}, None, numbers, True
    ) == Outcome(0)


@given(
    records=st.lists(st.integers(), min_size=1, max_size=30, unique=True),
    bad=st.sets(st.integers()),
    retries=st.integers(min_value=0, max_value=3),
    bisect=st.booleans(),
)
def test_every_record_ends_done_or_discarded_exactly_once_in_order(
    records: list[int], bad: set[int], retries: int, bisect: bool
) -> None:
    policy = RetryPolicy(retries, bisect, True)
    recorder = Recorder(poison(bad))
    assert recorder.run(records, policy)
    discarded = [record for batch, _ in recorder.discarded for record in batch]
    assert sorted(recorder.done + discarded, key=records.index) == records
    assert [r for r in records if r in set(recorder.done)] == recorder.done
    assert not set(recorder.done) & bad
    if bisect:
        assert all(len(batch) == 1 for batch, _ in recorder.discarded)
        assert set(discarded) == bad & set(records)

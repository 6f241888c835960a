"""Failed-login lockouts (``core.login_attempts``): the rules, on an in-memory store and on
the real repository (moto), with one set of tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import RateLimited
from core.login_attempts import rules
from core.login_attempts.rules import Kind, LoginLimits, Subject, subjects_of
from core.login_attempts.service import LoginGuard

LIMITS = LoginLimits(failures_per_account=3, failures_per_source=5,
                     window=timedelta(minutes=15), lockout=timedelta(minutes=10))  # fmt: skip
T0 = datetime(2026, 11, 21, 10, 0, 1, tzinfo=UTC)


class MemoryStore:
    def __init__(self):
        self.counters, self.locks = {}, {}

    def locked_until(self, subject_keys, now):
        ends = [self.locks[k] for k in subject_keys if k in self.locks]
        latest = max(ends, default=None)
        return latest if latest is not None and latest > now.timestamp() else None

    def add_failure(self, subject_key, window, expires_at):
        key = (subject_key, window)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def lock(self, subject_key, until):
        self.locks[subject_key] = until

    def forget_failures(self, subject_key, window):
        self.counters.pop((subject_key, window), None)


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    if request.param == "memory":
        return MemoryStore()
    request.getfixturevalue("aws")
    from core.login_attempts.repository import LoginAttemptRepository
    from core.storage import TableLocation
    from infra.tables import table
    from tests.support.events import REGION, STAGE

    return LoginAttemptRepository(
        TableLocation(table("login_attempts").physical_name(STAGE), REGION)
    )


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def guard(store, clock):
    return LoginGuard(store, LIMITS, clock)


ADA = subjects_of("usr_ada", "203.0.113.7")


def test_the_failure_at_the_limit_locks_the_account_out(guard, clock):
    assert guard.failed(ADA) is None
    assert guard.failed(ADA) is None
    locked = guard.failed(ADA)
    assert isinstance(locked, RateLimited)
    assert locked.retry_after_seconds == 600
    clock.now += timedelta(seconds=100)
    with pytest.raises(RateLimited) as raised:
        guard.check(ADA)
    assert raised.value.retry_after_seconds == 500
    assert "500 seconds" in raised.value.message


def test_the_lock_ends_after_the_lockout(guard, clock):
    for _ in range(3):
        guard.failed(ADA)
    clock.now += LIMITS.lockout + timedelta(seconds=1)
    guard.check(ADA)  # no error


def test_a_success_ends_the_accounts_count_not_the_addresss(guard):
    guard.failed(ADA)
    guard.failed(ADA)
    guard.succeeded(ADA[0])
    assert guard.failed(ADA) is None  # the account starts again at 1
    other = subjects_of("usr_bob", "203.0.113.7")
    assert guard.failed(other) is None  # the address: 4 failures
    assert isinstance(guard.failed(other), RateLimited)  # 5: the address is locked
    with pytest.raises(RateLimited):
        guard.check(subjects_of("usr_carol", "203.0.113.7"))
    guard.check(subjects_of("usr_carol", "198.51.100.1"))  # another address: fine


def test_failures_in_another_window_do_not_add_up(guard, clock):
    guard.failed(ADA)
    guard.failed(ADA)
    clock.now += LIMITS.window
    assert guard.failed(ADA) is None
    guard.check(ADA)


@given(st.integers(0, 10), st.sampled_from(list(Kind)))
def test_only_the_failure_at_the_limit_and_after_lock(failures, kind):
    subject = Subject(kind, "x")
    assert rules.trips_lock(failures, subject, LIMITS) == (failures >= LIMITS.limit_of(kind))


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_retry_after_is_a_positive_whole_number_of_seconds(offset):
    seconds = rules.retry_after_seconds(T0.timestamp() + offset, T0)
    assert seconds >= 1
    assert seconds >= offset

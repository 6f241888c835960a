"""Guarding logins: refuse a locked-out account or address before the password is checked,
count failures, and lock a subject out at its limit (``rules.py`` says when)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from core.clock import utc_now
from core.errors import RateLimited
from core.login_attempts import rules
from core.login_attempts.rules import LoginLimits, Subject


class AttemptStore(Protocol):
    def locked_until(self, subject_keys: list[str], now: datetime) -> float | None: ...

    def add_failure(self, subject_key: str, window: int, expires_at: float) -> int: ...

    def lock(self, subject_key: str, until: float) -> None: ...

    def forget_failures(self, subject_key: str, window: int) -> None: ...


class LoginGuard:
    def __init__(
        self,
        store: AttemptStore,
        limits: LoginLimits = LoginLimits(),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self._limits = limits
        self._clock = clock

    def check(self, subjects: tuple[Subject, ...]) -> None:
        """``RateLimited`` while any of the subjects is locked out."""
        now = self._clock()
        until = self._store.locked_until([s.key for s in subjects], now)
        if until is not None:
            raise _locked(until, now)

    def failed(self, subjects: tuple[Subject, ...]) -> RateLimited | None:
        """Count a failed login; the error to answer if it locked a subject out."""
        now = self._clock()
        window = rules.window_of(now, self._limits)
        expires = rules.window_end(window, self._limits)
        until = now.timestamp() + self._limits.lockout.total_seconds()
        locked = False
        for subject in subjects:
            failures = self._store.add_failure(subject.key, window, expires)
            if rules.trips_lock(failures, subject, self._limits):
                self._store.lock(subject.key, until)
                locked = True
        return _locked(until, now) if locked else None

    def succeeded(self, account: Subject) -> None:
        """A right password ends the account's count (not the address's)."""
        self._store.forget_failures(account.key, rules.window_of(self._clock(), self._limits))


def _locked(until: float, now: datetime) -> RateLimited:
    seconds = rules.retry_after_seconds(until, now)
    return RateLimited(
        f"Too many failed logins; try again in {seconds} seconds.",
        retry_after_seconds=seconds,
    )

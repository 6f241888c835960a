"""When failed logins lock an account or a source address out, and for how long (pure).

Failures are counted per subject in fixed windows (``window`` long, numbered from the epoch).
The failure that reaches a subject's limit locks the subject for ``lockout``: while locked,
every login of that subject is refused with 429, the right password included, so the lock
tells an attacker nothing about the password. Unknown usernames lock like real ones, so the
lock tells nothing about which accounts exist either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Kind(StrEnum):
    ACCOUNT = "account"
    SOURCE = "source"


@dataclass(frozen=True)
class LoginLimits:
    failures_per_account: int = 5
    failures_per_source: int = 50
    """Higher: several people may share an address (an office behind one NAT)."""
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)

    def limit_of(self, kind: Kind) -> int:
        return self.failures_per_account if kind is Kind.ACCOUNT else self.failures_per_source


@dataclass(frozen=True)
class Subject:
    """Who failed: an account (its user id, or the login as typed when there is no such
    account) or a source address."""

    kind: Kind
    value: str

    @property
    def key(self) -> str:
        return f"{self.kind.value}#{self.value}"


def subjects_of(account: str, source_ip: str | None) -> tuple[Subject, ...]:
    found = (Subject(Kind.ACCOUNT, account),)
    return (*found, Subject(Kind.SOURCE, source_ip)) if source_ip else found


def window_of(now: datetime, limits: LoginLimits) -> int:
    return int(now.timestamp() // limits.window.total_seconds())


def window_end(window: int, limits: LoginLimits) -> float:
    """When the window numbered ``window`` ends (epoch seconds): its counter may expire then."""
    return (window + 1) * limits.window.total_seconds()


def trips_lock(failures: int, subject: Subject, limits: LoginLimits) -> bool:
    """Whether the ``failures``-th failure of the window locks the subject out."""
    return failures >= limits.limit_of(subject.kind)


def retry_after_seconds(locked_until: float, now: datetime) -> int:
    """Whole seconds until ``locked_until`` (at least 1, for ``Retry-After``)."""
    return max(1, math.ceil(locked_until - now.timestamp()))

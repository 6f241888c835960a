"""Failed-login counters and lockouts in DynamoDB, so every Lambda instance sees the same
ones. A failure is one atomic ``ADD`` (parallel failures are all counted); items expire by
the table's TTL, which DynamoDB applies late, so reads compare times themselves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from core.login_attempts import items
from core.storage import TableLocation


class LoginAttemptRepository:
    def __init__(self, location: TableLocation) -> None:
        self._item = items.model(location)

    def locked_until(self, subject_keys: Iterable[str], now: datetime) -> float | None:
        """The latest end of a lock still in force on any of the subjects, else ``None``."""
        keys = [items.lock_key(key) for key in subject_keys]
        found = self._item.batch_get(keys, consistent_read=True)
        ends = [float(i.locked_until) for i in found if i.locked_until is not None]
        latest = max(ends, default=None)
        return latest if latest is not None and latest > now.timestamp() else None

    def add_failure(self, subject_key: str, window: int, expires_at: float) -> int:
        """Count one failure in the window; the window's count so far."""
        item = self._item(items.counter_key(subject_key, window))
        item.update(
            actions=[
                self._item.failures.add(1),
                self._item.expires_at.set(datetime.fromtimestamp(expires_at, UTC)),
            ]
        )
        return int(item.failures)

    def lock(self, subject_key: str, until: float) -> None:
        self._item(
            items.lock_key(subject_key),
            locked_until=until,
            expires_at=datetime.fromtimestamp(until, UTC),
        ).save()

    def forget_failures(self, subject_key: str, window: int) -> None:
        self._item(items.counter_key(subject_key, window)).delete()

"""The ``PresenceStore`` contract: a presence is replaced only from the version it was read
at, so concurrent changes of one user cannot overwrite each other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.presence.models import Presence

T0 = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)


def test_replaced_only_from_the_version_read(presence) -> None:
    assert presence.get("usr_a") is None
    online = Presence("usr_a", {"s1": T0 + timedelta(hours=2)}, True, T0)
    assert presence.replace(Presence("usr_a"), online) is True
    stored = presence.get("usr_a")
    assert stored == Presence("usr_a", {"s1": T0 + timedelta(hours=2)}, True, T0, 1)
    assert presence.replace(Presence("usr_a"), online) is False  # read before: stale
    offline = Presence("usr_a", {}, False, T0 + timedelta(minutes=1))
    assert presence.replace(stored, offline) is True
    assert presence.replace(stored, offline) is False
    assert presence.get_many(["usr_a", "usr_b"]) == {
        "usr_a": Presence("usr_a", {}, False, T0 + timedelta(minutes=1), 2)
    }

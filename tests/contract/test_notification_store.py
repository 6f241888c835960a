"""The ``NotificationStore`` contract: one notification per id, newest first (all or unread
only), an exact unread count, marking read once, and every unread id."""

from __future__ import annotations

from datetime import UTC, datetime

from core.notifications.models import Notification, Target, Verb

T0 = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def note(n: int, user: str = "usr_a") -> Notification:
    target = Target("book", "bk_1")
    return Notification(f"ntf_{n:03d}", user, Verb.BOOK_SHARED, "usr_b", target, "m", False, T0)


def test_one_notification_per_id(notifications) -> None:
    assert notifications.add(note(1)) is True
    assert notifications.add(note(1)) is False
    assert notifications.get("usr_a", "ntf_001") == note(1)
    assert notifications.get("usr_b", "ntf_001") is None
    assert notifications.unread_count("usr_a") == 1


def test_newest_first_read_and_unread(notifications) -> None:
    for n in range(5):
        notifications.add(note(n))
    notifications.add(note(9, "usr_other"))
    assert notifications.mark_read("usr_a", ["ntf_003", "ntf_001", "ntf_404"]) == 2
    assert notifications.mark_read("usr_a", ["ntf_003"]) == 0
    assert notifications.unread_count("usr_a") == 3
    first, after = notifications.page("usr_a", False, 2, None)
    assert [n.id for n in first] == ["ntf_004", "ntf_003"]
    assert [n.read for n in first] == [False, True]
    rest, end = notifications.page("usr_a", False, 5, after)
    assert ([n.id for n in rest], end) == (["ntf_002", "ntf_001", "ntf_000"], None)
    unread, _ = notifications.page("usr_a", True, 5, None)
    assert [n.id for n in unread] == ["ntf_004", "ntf_002", "ntf_000"]
    assert sorted(notifications.unread_ids("usr_a")) == ["ntf_000", "ntf_002", "ntf_004"]
    assert notifications.mark_read("usr_a", list(notifications.unread_ids("usr_a"))) == 3
    assert notifications.unread_count("usr_a") == 0
    assert notifications.unread_count("usr_other") == 1

"""Events of the social graph built from real-shaped stream images: which change makes
which event (and which makes none), its data, and its audience."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.books.items import MemberItem, member_item
from core.books.models import Member, Role
from core.events.audiences import AllOf, BookMembers, ConnectionsOf, Users
from core.events.members import member_audience, member_event
from core.events.notifications import notification_audience, notification_event
from core.events.presence import presence_audience, presence_event
from core.events.registry import EVENT_SPECS
from core.events.social import (
    connection_audience,
    connection_event,
    request_audience,
    request_event,
)
from core.notifications.items import NotificationItem, to_item
from core.notifications.models import Notification, Target, Verb
from core.presence.items import PresenceItem
from core.presence.items import to_item as presence_item
from core.presence.models import Presence
from core.social.items import ConnectionItem, PairGuardItem, RequestItem, request_item
from core.social.models import ConnectionRequest, RequestStatus
from core.streams import StreamChange

T0 = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)
PENDING = ConnectionRequest("cr_1", "usr_a", "usr_b", RequestStatus.PENDING, "hi", T0, T0)


def change(table_key, old=None, new=None, action=None) -> StreamChange:
    action = action or ("INSERT" if old is None else "REMOVE" if new is None else "MODIFY")
    return StreamChange(
        table_key=table_key,
        action=action,
        sequence_number="4200000000000000000001",
        at=T0,
        keys={},
        old_image=None if old is None else old.serialize(),
        new_image=None if new is None else new.serialize(),
    )


def built(build, *args, **kwargs):
    """The event ``build`` makes of the change (asserted to be one)."""
    event = build(change(*args, **kwargs))
    assert event is not None
    return event


def request(status=RequestStatus.PENDING, **fields) -> RequestItem:
    return request_item(RequestItem, replace(PENDING, status=status, **fields))


def test_requests_received_and_decided_for_both_parties():
    event = built(request_event, "connection_requests", new=request())
    assert event.type == "connection_request.received"
    assert event.frame()["data"] == {
        "id": "cr_1", "from_user_id": "usr_a", "to_user_id": "usr_b", "status": "pending",
        "message": "hi", "created_at": "2026-11-21T10:00:00.123Z",
        "updated_at": "2026-11-21T10:00:00.123Z",
    }  # fmt: skip
    assert request_audience(event) == Users(frozenset({"usr_a", "usr_b"}))
    later = T0 + timedelta(seconds=1)
    for status in (RequestStatus.ACCEPTED, RequestStatus.REJECTED, RequestStatus.CANCELLED):
        decided = request(status, updated_at=later)
        event = built(request_event, "connection_requests", request(), decided)
        assert (event.type, event.data.status, event.at) == (
            f"connection_request.{status.value}", status.value, later
        )  # fmt: skip


def test_guards_and_non_changes_make_no_request_event():
    guard = PairGuardItem("pair#usr_a#usr_b", request_id="cr_1")
    assert request_event(change("connection_requests", new=guard)) is None
    assert request_event(change("connection_requests", old=guard)) is None
    same = change("connection_requests", request(), request(message="again"))
    assert request_event(same) is None


def test_a_removed_connection_is_one_event_from_its_canonical_direction():
    one = ConnectionItem("usr_a", "usr_b", since=T0)
    other = ConnectionItem("usr_b", "usr_a", since=T0)
    event = built(connection_event, "user_connections", old=one)
    assert (event.type, event.frame()["data"]) == (
        "connection.removed",
        {"user_ids": ["usr_a", "usr_b"]},
    )
    assert connection_audience(event) == Users(frozenset({"usr_a", "usr_b"}))
    assert connection_event(change("user_connections", old=other)) is None
    assert connection_event(change("user_connections", new=one)) is None


def member(role=Role.VIEWER, user="usr_b") -> MemberItem:
    return member_item(MemberItem, Member("bk_1", user, role, T0))


def test_member_added_removed_and_role_changes():
    added = built(member_event, "books", new=member())
    assert (added.type, added.frame()["data"]) == (
        "book.member_added",
        {
            "book_id": "bk_1",
            "user_id": "usr_b",
            "role": "viewer",
            "since": "2026-11-21T10:00:00.123Z",
        },
    )
    assert member_audience(added) == AllOf((BookMembers("bk_1"), Users(frozenset({"usr_b"}))))
    re_roled = built(member_event, "books", member(), member(Role.EDITOR))
    assert (re_roled.type, re_roled.data.role) == ("book.member_added", "editor")
    removed = built(member_event, "books", old=member())
    assert (removed.type, removed.frame()["data"]) == (
        "book.member_removed", {"book_id": "bk_1", "user_id": "usr_b"}
    )  # fmt: skip
    assert member_event(change("books", member(), member())) is None
    assert member_event(change("books", new=member(Role.OWNER, "usr_a"))) is None


def test_a_new_notification_goes_to_its_recipient_only():
    stored = Notification(
        "ntf_1", "usr_b", Verb.BOOK_SHARED, "usr_a", Target("book", "bk_1"), "msg", False, T0
    )
    event = built(notification_event, "notifications", new=to_item(NotificationItem, stored))
    assert event.frame()["data"] == {
        "id": "ntf_1", "verb": "book_shared", "actor": "usr_a",
        "target": {"type": "book", "id": "bk_1"}, "message": "msg", "read": False,
        "created_at": "2026-11-21T10:00:00.123Z",
    }  # fmt: skip
    assert notification_audience(event) == Users(frozenset({"usr_b"}))
    read = to_item(NotificationItem, replace(stored, read=True))
    assert (
        notification_event(change("notifications", to_item(NotificationItem, stored), read)) is None
    )


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, True, True),
        (False, True, True),
        (True, False, False),
        (True, True, None),
        (False, False, None),
    ],
)
def test_presence_changes_only_when_online_flips(before, after, expected):
    def item(online):
        return presence_item(PresenceItem, Presence("usr_a", {}, online, T0, 1))

    old = None if before is None else item(before)
    if expected is None:
        assert presence_event(change("presence", old, item(after))) is None
    else:
        event = built(presence_event, "presence", old, item(after))
        assert event.frame()["data"] == {
            "user_id": "usr_a", "online": expected, "last_seen": "2026-11-21T10:00:00.123Z"
        }  # fmt: skip
        assert presence_audience(event) == ConnectionsOf("usr_a")


def test_only_presence_is_not_recorded():
    assert {spec.table_key for spec in EVENT_SPECS if not spec.recorded} == {"presence"}

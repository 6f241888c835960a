"""``/notifications`` through the real Chalice app, the notifications written by the real
activity consumer from the requests table's stream: listing newest first, unread only, the
exact unread count, reading one (not someone else's), and reading all of them however many."""

from __future__ import annotations

from datetime import timedelta

from core.clock import utc_now
from core.notifications.models import Notification, Target, Verb
from core.notifications.repository import NotificationRepository
from core.storage import TableLocation
from infra.tables import table
from tests.support.contacts_api import call
from tests.support.events import REGION, STAGE, LambdaContext, stream_event
from tests.support.social_api import decide, register, send
from tests.support.streams import StreamTap

READ = "/notifications/{notification_id}/read"


def location(key: str) -> TableLocation:
    return TableLocation(table(key).physical_name(STAGE), REGION)


def notifications(app, user, **query):
    status, data, _ = call(app, "GET", "/notifications", query=query, principal=user)
    assert status == 200, data
    return data


def unread(app, user) -> int:
    status, data, _ = call(app, "GET", "/notifications/unread-count", principal=user)
    assert status == 200
    return int(data["count"])


def test_notifications_from_the_stream_read_one_by_one(chalice_app, lambda_handlers):
    ada, bob = register(chalice_app, "ada", full_name="Ada Lovelace"), register(chalice_app, "bob")
    tap = StreamTap(location("connection_requests").name, REGION)
    sent = send(chalice_app, ada, bob)
    decide(chalice_app, bob, sent["id"], "reject")
    response = lambda_handlers.activity(stream_event(*tap.records()), LambdaContext())
    assert response["batchItemFailures"] == []

    (received,) = notifications(chalice_app, bob)["items"]
    assert {k: received[k] for k in ("verb", "actor", "target", "read")} == {
        "verb": "connection_request_received", "actor": ada,
        "target": {"type": "connection_request", "id": sent["id"]}, "read": False,
    }  # fmt: skip
    assert received["message"] == "Ada Lovelace sent you a connection request."
    (rejected,) = notifications(chalice_app, ada)["items"]
    assert (rejected["verb"], rejected["actor"]) == ("connection_request_rejected", bob)
    assert unread(chalice_app, bob) == 1

    path = {"notification_id": received["id"]}
    assert call(chalice_app, "POST", READ, path_params=path, principal=ada)[0] == 404
    status, data, _ = call(chalice_app, "POST", READ, path_params=path, principal=bob)
    assert (status, data["read"], data["id"]) == (200, True, received["id"])
    assert call(chalice_app, "POST", READ, path_params=path, principal=bob)[0] == 200  # again
    assert unread(chalice_app, bob) == 0
    assert notifications(chalice_app, bob, unread="true")["items"] == []
    assert [n["read"] for n in notifications(chalice_app, bob)["items"]] == [True]
    assert unread(chalice_app, ada) == 1


def test_read_all_reads_every_one_however_many(chalice_app):
    repository = NotificationRepository(location("notifications"))
    start = utc_now()

    def shared(n: int) -> Notification:
        at = start + timedelta(milliseconds=n)
        target = Target("book", "bk_1")
        return Notification(
            f"ntf_{n:04d}", "usr_me", Verb.BOOK_SHARED, "usr_x", target, "m", False, at
        )

    for n in range(60):
        assert repository.add(shared(n))
    assert repository.add(shared(0)) is False  # the same id again: not stored, not counted
    assert unread(chalice_app, "usr_me") == 60
    seen, cursor = [], None
    while True:
        query = {"limit": "25", "unread": "true", **({"cursor": cursor} if cursor else {})}
        page = notifications(chalice_app, "usr_me", **query)
        seen += [n["id"] for n in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert seen == [f"ntf_{n:04d}" for n in reversed(range(60))]  # newest first
    status, data, _ = call(chalice_app, "POST", "/notifications/read-all", principal="usr_me")
    assert (status, data) == (200, {"updated": 60})
    assert unread(chalice_app, "usr_me") == 0
    assert notifications(chalice_app, "usr_me", unread="true")["items"] == []
    status, data, _ = call(chalice_app, "POST", "/notifications/read-all", principal="usr_me")
    assert (status, data) == (200, {"updated": 0})
    assert unread(chalice_app, "someone_else") == 0

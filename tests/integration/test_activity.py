"""The real activity consumer (``app.activity``) on real stream records (moto): one
notification per source event however often its record is delivered, presence from the
socket registry, and the shared-books clean-up after a connection goes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.accounts.models import User
from core.accounts.repository import UserRepository
from core.books.members import MemberRepository
from core.books.models import Book, Member, Role
from core.books.repository import BookRepository
from core.clock import utc_now
from core.notifications.models import Verb
from core.notifications.repository import NotificationRepository
from core.presence.repository import PresenceRepository
from core.presence.rules import status_at
from core.realtime.sockets import SocketRegistry
from core.social.connections import ConnectionRepository
from core.social.items import connection_items, connection_model
from core.social.models import Decision
from core.social.requests import RequestRepository
from core.social.service import RequestService
from core.storage import TableLocation
from infra.tables import table
from tests.support.events import REGION, STAGE, LambdaContext, stream_event
from tests.support.streams import StreamTap

NOW = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def location(key: str) -> TableLocation:
    return TableLocation(table(key).physical_name(STAGE), REGION)


def run(records: list[dict[str, Any]]) -> list[str]:
    import app

    response = app.activity(stream_event(*records), LambdaContext())
    return [failure["itemIdentifier"] for failure in response["batchItemFailures"]]


@pytest.fixture
def world(lambda_handlers):
    users = UserRepository(location("users"), location("user_terms"))
    for user_id, name in (("usr_a", "Ada Lovelace"), ("usr_b", None)):
        user = User(
            user_id,
            user_id.replace("_", ""),
            f"{user_id}@example.com",
            name,
            None,
            None,
            None,
            NOW,
            NOW,
        )
        users.create(user, "hash")
    return users


@pytest.fixture
def notifications(world) -> NotificationRepository:
    return NotificationRepository(location("notifications"))


def test_one_notification_per_request_event_however_often_delivered(world, notifications):
    tap = StreamTap(location("connection_requests").name, REGION)
    requests = RequestService(
        RequestRepository(location("connection_requests"), location("user_connections")), world
    )
    sent = requests.send("usr_a", "usr_b", "hi")
    requests.decide("usr_b", sent.id, Decision.ACCEPT)
    records = tap.records()
    for _ in range(3):  # retries and re-deliveries
        assert run(records) == []
    (received,), _ = notifications.page("usr_b", False, 10, None)
    assert (received.verb, received.actor, received.target.id) == (
        Verb.CONNECTION_REQUEST_RECEIVED, "usr_a", sent.id
    )  # fmt: skip
    assert received.message == "Ada Lovelace sent you a connection request."
    (accepted,), _ = notifications.page("usr_a", False, 10, None)
    assert (accepted.verb, accepted.message) == (
        Verb.CONNECTION_REQUEST_ACCEPTED, "usrb accepted your connection request."
    )  # fmt: skip
    assert notifications.unread_count("usr_a") == notifications.unread_count("usr_b") == 1


def test_a_book_shared_notifies_the_member_once(world, notifications):
    books = BookRepository(location("books"))
    books.create(Book("bk_1", "Work", "usr_a", False, NOW))
    tap = StreamTap(location("books").name, REGION)
    members = MemberRepository(location("books"))
    members.add(Member("bk_1", "usr_b", Role.VIEWER, NOW))
    members.add(Member("bk_1", "usr_b", Role.EDITOR, NOW + timedelta(seconds=1)))
    records = tap.records()
    assert run(records) == []
    assert run(records) == []
    (shared,), _ = notifications.page("usr_b", False, 10, None)
    assert (shared.verb, shared.target.type, shared.target.id) == (Verb.BOOK_SHARED, "book", "bk_1")
    assert shared.message == "Ada Lovelace shared the address book “Work” with you."
    assert notifications.page("usr_a", False, 10, None)[0] == []


def test_presence_follows_the_registry(world):
    registry = SocketRegistry(location("sockets"))
    presence = PresenceRepository(location("presence"))
    tap = StreamTap(location("sockets").name, REGION)
    now = utc_now()  # the stream's own times are now: sockets must not have expired by then
    registry.add("c1", "usr_a", now)
    registry.add("c2", "usr_a", now)
    records = tap.records()
    assert run(records) == []
    assert run(records) == []
    assert status_at(presence.get("usr_a"), now).online
    registry.remove("c1")
    assert run(tap.records()) == []
    assert status_at(presence.get("usr_a"), now).online
    registry.remove("c2")
    assert run(tap.records()) == []
    stored = presence.get("usr_a")
    assert stored is not None
    assert not stored.online
    assert stored.sockets == {}


def test_a_removed_connection_takes_both_out_of_each_others_books(world):
    books = BookRepository(location("books"))
    members = MemberRepository(location("books"))
    books.create(Book("bk_a", "A's", "usr_a", False, NOW))
    books.create(Book("bk_b", "B's", "usr_b", False, NOW))
    members.add(Member("bk_a", "usr_b", Role.EDITOR, NOW))
    members.add(Member("bk_b", "usr_a", Role.VIEWER, NOW))
    connections = ConnectionRepository(location("user_connections"))
    tap = StreamTap(location("user_connections").name, REGION)
    model = connection_model(location("user_connections"))
    for item in connection_items(model, "usr_a", "usr_b", NOW):
        item.save()
    assert connections.remove("usr_b", "usr_a")
    assert run(tap.records()) == []
    assert members.get("bk_a", "usr_b") is None
    assert members.get("bk_b", "usr_a") is None
    assert members.get("bk_a", "usr_a") is not None  # the owners stay


def test_an_undecodable_record_is_skipped_and_blocks_nothing(world):
    import boto3

    tap = StreamTap(location("sockets").name, REGION)
    boto3.client("dynamodb", region_name=REGION).put_item(
        TableName=location("sockets").name,
        Item={"connection_id": {"S": "odd"}, "user_id": {"S": "usr_a"}},
    )
    SocketRegistry(location("sockets")).add("c1", "usr_b", utc_now())
    assert run(tap.records()) == []
    assert PresenceRepository(location("presence")).get("usr_a") is None
    assert status_at(PresenceRepository(location("presence")).get("usr_b"), utc_now()).online

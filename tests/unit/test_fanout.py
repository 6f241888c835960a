"""The generic fan-out: every connection of every member, nobody else; closed connections
are pruned; a failed post fails the delivery after every other post was tried."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from core.events.audiences import AudienceResolver, Users
from core.events.models import Event
from core.events.registry import EventSpec, specs_by_table
from core.realtime.broadcaster import Broadcaster, PoisonChange
from core.realtime.fanout import DeliveryFailed, FanOut
from core.streams import StreamChange
from tests.support.events import dynamodb_image
from tests.support.realtime import (
    FakeBooks,
    FakeConnections,
    FakeDirectory,
    FakeSender,
    fake_contact_spec,
)

FRAME = {"type": "contact.created", "id": "contacts.1", "at": "x", "data": {"id": "ct_1"}}
CONNECTIONS = {"owner": ["o1", "o2", "o3"], "editor": ["e1"], "stranger": ["s1", "s2"]}


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield pool


def test_every_connection_of_every_member_gets_the_frame(executor: ThreadPoolExecutor) -> None:
    directory, sender = FakeDirectory(CONNECTIONS), FakeSender()
    delivery = FanOut(directory, sender, executor).deliver(FRAME, {"owner", "editor"})
    assert delivery.connections == delivery.delivered == 4
    assert dict(sender.frames) == {cid: [FRAME] for cid in ("o1", "o2", "o3", "e1")}
    assert sorted(directory.lookups) == ["editor", "owner"]


def test_a_member_without_connections_and_an_empty_audience(executor: ThreadPoolExecutor) -> None:
    sender = FakeSender()
    fanout = FanOut(FakeDirectory(CONNECTIONS), sender, executor)
    assert fanout.deliver(FRAME, {"offline"}).connections == 0
    assert fanout.deliver(FRAME, set()).connections == 0
    assert not sender.frames


def test_a_closed_connection_is_pruned_and_the_others_still_get_it(
    executor: ThreadPoolExecutor,
) -> None:
    directory, sender = FakeDirectory(CONNECTIONS), FakeSender(gone={"o2"})
    delivery = FanOut(directory, sender, executor).deliver(FRAME, {"owner"})
    assert (delivery.delivered, delivery.pruned) == (2, 1)
    assert directory.removed == ["o2"]
    assert set(sender.frames) == {"o1", "o3"}


def test_a_failed_post_fails_the_delivery_after_trying_every_other(
    executor: ThreadPoolExecutor,
) -> None:
    directory, sender = FakeDirectory(CONNECTIONS), FakeSender(gone={"o3"}, failing={"o1": None})
    with pytest.raises(DeliveryFailed) as failed:
        FanOut(directory, sender, executor).deliver(FRAME, {"owner", "editor"})
    assert set(failed.value.errors) == {"o1"}
    assert (failed.value.delivery.delivered, failed.value.delivery.pruned) == (2, 1)
    assert set(sender.frames) == {"o2", "e1"}
    assert directory.removed == ["o3"]


def test_a_failed_lookup_fails_the_delivery(executor: ThreadPoolExecutor) -> None:
    class BrokenDirectory(FakeDirectory):
        def connections_of(self, user_id: str) -> list[str]:
            if user_id == "editor":
                raise OSError("DynamoDB is unreachable")
            return super().connections_of(user_id)

    fanout = FanOut(BrokenDirectory(CONNECTIONS), FakeSender(), executor)
    with pytest.raises(OSError, match="unreachable"):
        fanout.deliver(FRAME, {"owner", "editor"})


def test_members_are_looked_up_at_once_after_the_first_lookup(
    executor: ThreadPoolExecutor,
) -> None:
    class MeetingDirectory(FakeDirectory):
        """Each lookup waits until three run at the same time."""

        meeting = threading.Barrier(3, timeout=5)

        def connections_of(self, user_id: str) -> list[str]:
            if user_id != "warm-up":
                self.meeting.wait()
            return super().connections_of(user_id)

    fanout = FanOut(MeetingDirectory(CONNECTIONS), FakeSender(), executor)
    fanout.deliver(FRAME, {"warm-up"})  # the first lookup of a process runs alone
    assert fanout.deliver(FRAME, {"owner", "editor", "stranger"}).delivered == 6


def contact_change(action: str = "INSERT", table_key: str = "contacts", **image) -> StreamChange:
    keys = {"book_id": "book_1", "contact_id": "ct_1"}
    item = dynamodb_image({**keys, **(image or {"name": "Ada"})})
    return StreamChange(
        table_key=table_key,
        action=action,  # type: ignore[arg-type]
        sequence_number="100000000000000000007",
        at=datetime(2026, 11, 21, tzinfo=UTC),
        keys=dynamodb_image(keys),
        new_image=None if action == "REMOVE" else item,
        old_image=None if action == "INSERT" else item,
    )


def broadcaster(sender: FakeSender, executor: ThreadPoolExecutor) -> Broadcaster:
    spec = fake_contact_spec()
    resolver = AudienceResolver(FakeBooks({"book_1": ["owner", "editor"]}), FakeConnections())
    fanout = FanOut(FakeDirectory(CONNECTIONS), sender, executor)
    return Broadcaster(specs_by_table((spec,)), resolver, fanout)


def test_a_change_reaches_the_book_members_and_no_one_else(executor: ThreadPoolExecutor) -> None:
    sender = FakeSender()
    published = broadcaster(sender, executor).publish(contact_change())
    assert published is not None
    assert published.audience_size == 2
    assert set(sender.frames) == {"o1", "o2", "o3", "e1"}
    assert sender.frames["e1"][0]["type"] == "contact.created"
    assert sender.frames["e1"][0]["id"] == "contacts.0000000000000000000100000000000000000007"


@pytest.mark.parametrize(
    "change",
    [contact_change(nickname="no name"), contact_change(table_key="chat_messages")],
    ids=["undecodable image", "unknown table"],
)
def test_a_change_that_cannot_become_an_event_is_poison(
    change: StreamChange, executor: ThreadPoolExecutor
) -> None:
    sender = FakeSender()
    with pytest.raises(PoisonChange):
        broadcaster(sender, executor).publish(change)
    assert not sender.frames


def test_a_change_can_make_no_event(executor: ThreadPoolExecutor) -> None:
    quiet: EventSpec[Event] = EventSpec(
        table_key="contacts", build=lambda change: None, audience=lambda event: Users(frozenset())
    )
    sender = FakeSender()
    fanout = FanOut(FakeDirectory(CONNECTIONS), sender, executor)
    resolver = AudienceResolver(FakeBooks({}), FakeConnections())
    assert Broadcaster(specs_by_table((quiet,)), resolver, fanout).publish(contact_change()) is None
    assert not sender.frames

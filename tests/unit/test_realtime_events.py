"""Events built from stream changes: ids, frames, contact events and their audience."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.contacts.shapes import contact_to_dict
from core.events.audiences import AudienceResolver, BookMembers, Users
from core.events.contacts import (
    ContactCreated,
    ContactDeleted,
    ContactUpdated,
    contact_audience,
    contact_event,
)
from core.events.models import event_id
from core.streams import StreamChange
from tests.support.events import dynamodb_image
from tests.support.realtime import FakeBooks, FakeConnections, fake_contact_decoder

AT = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)
KEYS = {"book_id": "book_1", "contact_id": "ct_1"}
sequence_numbers = st.integers(min_value=10**20, max_value=10**40 - 1).map(str)


def change(
    action: str, *, new: dict[str, Any] | None = None, old: dict[str, Any] | None = None
) -> StreamChange:
    return StreamChange(
        table_key="contacts",
        action=action,  # type: ignore[arg-type]
        sequence_number="4200000000000000000001",
        at=AT,
        keys=dynamodb_image(KEYS),
        new_image=None if new is None else dynamodb_image({**KEYS, **new}),
        old_image=None if old is None else dynamodb_image({**KEYS, **old}),
    )


def build(
    action: str, **images: dict[str, Any]
) -> ContactCreated | ContactUpdated | ContactDeleted:
    return contact_event(change(action, **images), decode=fake_contact_decoder)


@given(sequence_numbers, sequence_numbers)
def test_event_ids_sort_like_sequence_numbers(a: str, b: str) -> None:
    assert (event_id("contacts", a) < event_id("contacts", b)) == (int(a) < int(b))
    assert (event_id("contacts", a) == event_id("contacts", b)) == (a == b)


@given(sequence_numbers)
def test_event_ids_have_a_fixed_width(sequence_number: str) -> None:
    assert len(event_id("contacts", sequence_number)) == len("contacts.") + 40


@pytest.mark.parametrize("bad", ["", "12a", "1" * 41, "-5"])
def test_event_ids_need_a_sequence_number(bad: str) -> None:
    with pytest.raises(ValueError, match="sequence number"):
        event_id("contacts", bad)


def test_an_insert_is_contact_created_with_the_contact() -> None:
    event = build("INSERT", new={"name": "Ada"})
    assert isinstance(event, ContactCreated)
    contact = fake_contact_decoder(dynamodb_image({**KEYS, "name": "Ada"}))
    assert event.frame() == {
        "type": "contact.created",
        "id": "contacts.0000000000000000004200000000000000000001",
        "at": "2026-11-21T10:00:00.123Z",
        "data": contact_to_dict(contact),
    }
    assert event.frame()["data"]["name"] == "Ada"


def test_a_modify_is_contact_updated_with_the_new_image() -> None:
    event = build("MODIFY", new={"name": "Ada L."}, old={"name": "Ada"})
    assert isinstance(event, ContactUpdated)
    assert event.frame()["type"] == "contact.updated"
    assert event.frame()["data"]["name"] == "Ada L."


def test_created_and_updated_events_happen_at_the_contacts_update_time() -> None:
    # The stream's time has one-second precision (a minute on DynamoDB Local).
    event = build(
        "MODIFY", new={"name": "Ada", "updated_at": "2026-11-21T10:00:07.456Z"}, old={"name": "Ad"}
    )
    assert event.frame()["at"] == "2026-11-21T10:00:07.456Z"


def test_a_remove_is_contact_deleted_with_id_and_book() -> None:
    event = build("REMOVE", old={"name": "Ada"})
    assert isinstance(event, ContactDeleted)
    assert event.frame()["type"] == "contact.deleted"
    assert event.frame()["data"] == {"id": "ct_1", "book_id": "book_1"}


@pytest.mark.parametrize(
    ("action", "images"),
    [("INSERT", {}), ("REMOVE", {}), ("INSERT", {"new": {"nickname": "no name"}})],
)
def test_a_change_without_a_decodable_image_raises(action: str, images: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"Image|name"):
        build(action, **images)


@pytest.mark.parametrize(
    ("action", "images"),
    [("INSERT", {"new": {"name": "Ada"}}), ("REMOVE", {"old": {"name": "Ada"}})],
)
def test_the_audience_of_a_contact_event_is_its_book(action: str, images: dict[str, Any]) -> None:
    assert contact_audience(build(action, **images)) == BookMembers("book_1")


def test_audiences_resolve_to_users() -> None:
    resolver = AudienceResolver(
        FakeBooks({"book_1": ["owner", "editor", "owner"]}), FakeConnections()
    )
    assert resolver.user_ids(BookMembers("book_1")) == {"owner", "editor"}
    assert resolver.user_ids(BookMembers("book_unknown")) == frozenset()
    assert resolver.user_ids(Users(frozenset({"u1", "u2"}))) == {"u1", "u2"}

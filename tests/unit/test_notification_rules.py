"""Which changes notify whom, once: a request received notifies its recipient, accepted or
rejected its sender, a cancellation no one; a book shared notifies the new member (not a
role change, not the owner). Ids are derived from the source event."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.books.models import Member, Role
from core.notifications.models import Verb
from core.notifications.rules import member_drafts, message_of, notification_id, request_drafts
from core.social.models import ConnectionRequest, RequestStatus

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
PENDING = ConnectionRequest("cr_1", "usr_a", "usr_b", RequestStatus.PENDING, "hi", T0, T0)


def test_a_new_request_notifies_its_recipient():
    (draft,) = request_drafts(None, PENDING)
    assert (draft.recipient, draft.verb, draft.actor) == (
        "usr_b",
        Verb.CONNECTION_REQUEST_RECEIVED,
        "usr_a",
    )
    assert (draft.target.type, draft.target.id) == ("connection_request", "cr_1")


@pytest.mark.parametrize(
    ("status", "verb"),
    [
        (RequestStatus.ACCEPTED, Verb.CONNECTION_REQUEST_ACCEPTED),
        (RequestStatus.REJECTED, Verb.CONNECTION_REQUEST_REJECTED),
        (RequestStatus.CANCELLED, None),
    ],
)
def test_a_decision_notifies_the_sender_except_a_cancellation(status, verb):
    decided = replace(PENDING, status=status, updated_at=T0 + timedelta(minutes=1))
    drafts = request_drafts(PENDING, decided)
    assert [(d.recipient, d.verb, d.actor) for d in drafts] == (
        [("usr_a", verb, "usr_b")] if verb else []
    )


@given(st.sampled_from(list(RequestStatus)), st.sampled_from(list(RequestStatus)))
def test_nothing_else_notifies(old, new):
    if old is RequestStatus.PENDING and new in {RequestStatus.ACCEPTED, RequestStatus.REJECTED}:
        return
    assert request_drafts(replace(PENDING, status=old), replace(PENDING, status=new)) == []
    assert request_drafts(replace(PENDING, status=old), None) == []  # removal
    if new is not RequestStatus.PENDING:
        assert request_drafts(None, replace(PENDING, status=new)) == []


def test_sharing_notifies_the_new_member_only():
    member = Member("bk_1", "usr_b", Role.VIEWER, T0)
    (draft,) = member_drafts(None, member, "usr_a")
    assert (draft.recipient, draft.verb, draft.actor, draft.target.id) == (
        "usr_b", Verb.BOOK_SHARED, "usr_a", "bk_1"
    )  # fmt: skip
    assert member_drafts(member, replace(member, role=Role.EDITOR), "usr_a") == []
    assert member_drafts(member, None, "usr_a") == []
    assert member_drafts(None, Member("bk_1", "usr_a", Role.OWNER, T0), "usr_a") == []


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ids_are_stable_per_source_and_sort_by_time(seconds, later):
    member = Member("bk_1", "usr_b", Role.VIEWER, T0 + timedelta(seconds=seconds))
    (first,) = member_drafts(None, member, "usr_a")
    (again,) = member_drafts(None, member, "usr_a")
    assert notification_id(first) == notification_id(again)
    re_added = replace(member, added_at=member.added_at + timedelta(milliseconds=later))
    (second,) = member_drafts(None, re_added, "usr_a")
    assert notification_id(first) < notification_id(second)


def test_messages_name_the_actor_and_the_book():
    assert (
        message_of(Verb.BOOK_SHARED, "Ada", "Work")
        == "Ada shared the address book “Work” with you."
    )
    assert (
        message_of(Verb.CONNECTION_REQUEST_ACCEPTED, "Ada")
        == "Ada accepted your connection request."
    )

"""The ``MemberStore`` contract: members added once (again: the new role, ``created`` False),
only to existing books and only while the write's condition holds, pages by user id,
removal, and a user's books."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.books.models import Member, Role
from core.errors import Forbidden, NotFound
from tests.contract.conftest import CREATED, OWNER, connect

LATER = CREATED + timedelta(minutes=1)


def test_a_member_is_added_once_and_then_re_roled(members) -> None:
    store, _ = members
    added = store.add(Member("bk_1", "usr_v", Role.VIEWER, LATER))
    assert (added.member, added.created) == (Member("bk_1", "usr_v", Role.VIEWER, LATER), True)
    again = store.add(Member("bk_1", "usr_v", Role.VIEWER, LATER + timedelta(seconds=1)))
    assert (again.member, again.created) == (added.member, False)
    re_roled = store.add(Member("bk_1", "usr_v", Role.EDITOR, LATER + timedelta(seconds=2)))
    assert (re_roled.member.role, re_roled.member.added_at, re_roled.created) == (
        Role.EDITOR, LATER, False
    )  # fmt: skip
    assert store.get("bk_1", "usr_v") == re_roled.member


def test_no_member_joins_a_missing_book_or_without_its_condition(members) -> None:
    store, connections = members
    with pytest.raises(NotFound):
        store.add(Member("bk_missing", "usr_v", Role.VIEWER, LATER))
    condition = connections.still_connected(OWNER, "usr_v")
    with pytest.raises(Forbidden):
        store.add(Member("bk_1", "usr_v", Role.VIEWER, LATER), condition)
    assert store.get("bk_1", "usr_v") is None
    connect(connections, OWNER, "usr_v")
    assert store.add(Member("bk_1", "usr_v", Role.VIEWER, LATER), condition).created


def test_pages_removal_and_a_users_books(members) -> None:
    store, _ = members
    for user in ("usr_c", "usr_a", "usr_b"):
        store.add(Member("bk_1", user, Role.VIEWER, LATER))
    store.add(Member("bk_2", "usr_a", Role.EDITOR, LATER))
    first, after = store.page("bk_1", 2, None)
    assert [m.user_id for m in first] == ["usr_a", "usr_b"]
    rest, end = store.page("bk_1", 5, after)
    assert ([m.user_id for m in rest], end) == (["usr_c", OWNER], None)
    assert sorted(store.book_ids_of("usr_a")) == ["bk_1", "bk_2"]
    assert store.remove("bk_1", "usr_a") is True
    assert store.remove("bk_1", "usr_a") is False
    assert list(store.book_ids_of("usr_a")) == ["bk_2"]
    assert store.get("bk_1", OWNER).role is Role.OWNER

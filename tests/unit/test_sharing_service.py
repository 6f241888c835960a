"""Sharing and connections through their services, on the in-memory stores: who sees whose
contact details, re-sharing, leaving, and the clean-up of shared books when two users
disconnect (only the books each owns; the owner's own membership stays)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.accounts.models import User
from core.books.models import Book, Role
from core.books.rules import Action
from core.books.sharing_service import SharingService
from core.errors import Forbidden, NotFound
from core.presence.models import Presence
from core.social.connections_service import ConnectionService
from tests.support.memory_social import (
    InMemoryConnections,
    InMemoryMembers,
    InMemoryPresence,
    InMemoryUsers,
)

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
BOOKS = {"bk_a": "usr_a", "bk_b": "usr_b"}


def user(user_id: str) -> User:
    return User(
        user_id, user_id, f"{user_id}@example.com", None, None, "+1 555 0100", None, NOW, NOW
    )


class Books:
    """``BookService``'s access checks over the member store."""

    def __init__(self, members: InMemoryMembers) -> None:
        self.members = members

    def membership(self, reference: str, user_id: str) -> tuple[str, Role | None]:
        member = self.members.get(reference, user_id)
        return reference, None if member is None else member.role

    def access(self, reference: str, user_id: str, action: Action) -> str:
        if self.membership(reference, user_id)[1] is None:
            raise NotFound("No such book.")
        return reference

    def get(self, book_id: str) -> Book | None:
        owner = BOOKS.get(book_id)
        return None if owner is None else Book(book_id, book_id, owner, False, NOW)


@pytest.fixture
def world():
    members, connections = InMemoryMembers(BOOKS, NOW), InMemoryConnections()
    users = InMemoryUsers(*(user(u) for u in ("usr_a", "usr_b", "usr_c")))
    connections.connect("usr_a", "usr_b", NOW)
    connections.connect("usr_a", "usr_c", NOW)
    sharing = SharingService(Books(members), members, connections, users, lambda: NOW)
    return sharing, members, connections, users


def test_members_see_contact_details_of_themselves_and_their_connections(world):
    sharing, *_ = world
    assert sharing.share("usr_a", "bk_a", "usr_b", Role.VIEWER).created
    assert sharing.share("usr_a", "bk_a", "usr_c", Role.EDITOR).created
    seen = {
        v.member.user.id: v.member.contact_details
        for v in sharing.members("usr_b", "bk_a", 10, None).items
    }
    assert seen == {"usr_a": True, "usr_b": True, "usr_c": False}
    again = sharing.share("usr_a", "bk_a", "usr_b", Role.EDITOR)
    assert (again.created, again.view.role) == (False, Role.EDITOR)
    with pytest.raises(NotFound):
        sharing.members("usr_x", "bk_a", 10, None)


def test_sharing_needs_the_owner_and_a_connection(world):
    sharing, *_ = world
    with pytest.raises(Forbidden):
        sharing.share("usr_b", "bk_b", "usr_c", Role.VIEWER)  # not connected
    with pytest.raises(NotFound):
        sharing.share("usr_c", "bk_a", "usr_b", Role.VIEWER)  # not a member
    sharing.share("usr_a", "bk_a", "usr_b", Role.VIEWER)
    with pytest.raises(Forbidden):
        sharing.share("usr_b", "bk_a", "usr_a", Role.VIEWER)  # a viewer


def test_disconnecting_cleans_up_only_the_books_each_owns(world):
    sharing, members, connections, users = world
    sharing.share("usr_a", "bk_a", "usr_b", Role.VIEWER)
    sharing.share("usr_b", "bk_b", "usr_a", Role.EDITOR)
    sharing.share("usr_a", "bk_a", "usr_c", Role.VIEWER)
    presence = InMemoryPresence()
    presence.replace(
        Presence("usr_b"), Presence("usr_b", {"s": NOW + timedelta(hours=1)}, True, NOW)
    )
    service = ConnectionService(connections, users, presence, sharing, lambda: NOW)
    listed = service.connections_of("usr_a", 10, None).items
    assert [(v.user.id, v.online) for v in listed] == [("usr_b", True), ("usr_c", False)]
    service.remove("usr_b", "usr_a")
    assert members.get("bk_a", "usr_b") is None
    assert members.get("bk_b", "usr_a") is None
    assert members.get("bk_a", "usr_c") is not None
    assert members.get("bk_a", "usr_a").role is Role.OWNER
    with pytest.raises(NotFound):
        service.remove("usr_b", "usr_a")
    assert sharing.unshare_between("usr_a", "usr_b") == 0  # a repeat changes nothing

"""Sharing books with connections: a book's members, adding (or re-roling) one, taking one
out or leaving, and taking two users out of each other's books when they disconnect."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.accounts.models import User
from core.books.models import Book, Member, Role
from core.books.ports import MemberStore
from core.books.rules import Action
from core.books.sharing import check_share, check_unshare
from core.clock import utc_now
from core.errors import NotFound
from core.pagination import Page, Position, start_of
from core.social.visibility import SeenUser, seen_by
from core.storage import WriteCondition


class Books(Protocol):
    def access(self, reference: str, user_id: str, action: Action) -> str: ...
    def membership(self, reference: str, user_id: str) -> tuple[str, Role | None]: ...
    def get(self, book_id: str) -> Book | None: ...


class Connections(Protocol):
    def connected_among(self, user_id: str, others: list[str]) -> set[str]: ...
    def still_connected(self, user_id: str, other_id: str) -> WriteCondition: ...


class Users(Protocol):
    def get_many(self, user_ids: Iterable[str]) -> dict[str, User]: ...


@dataclass(frozen=True)
class MemberView:
    member: SeenUser
    role: Role
    since: datetime


@dataclass(frozen=True)
class Shared:
    view: MemberView
    created: bool
    """``False``: the user was a member already (with the role asked for, now)."""


class SharingService:
    def __init__(
        self,
        books: Books,
        members: MemberStore,
        connections: Connections,
        users: Users,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._books = books
        self._members = members
        self._connections = connections
        self._users = users
        self._clock = clock

    def members(
        self, user_id: str, reference: str, limit: int, at: Position | None
    ) -> Page[MemberView]:
        """The book's members as ``user_id`` (any member) sees them."""
        book_id = self._books.access(reference, user_id, Action.READ)
        found, after = self._members.page(book_id, limit, start_of(at, "member"))
        users = self._users.get_many([member.user_id for member in found])
        seen = {s.user.id: s for s in seen_by(user_id, list(users.values()), self._connections)}
        views = [
            MemberView(seen[m.user_id], m.role, m.added_at) for m in found if m.user_id in seen
        ]
        return Page.after(views, "member", after)

    def share(self, owner_id: str, reference: str, user_id: str, role: Role) -> Shared:
        """Of concurrent adds of one user exactly one creates the member."""
        book_id, caller_role = self._books.membership(reference, owner_id)
        connected = user_id in self._connections.connected_among(owner_id, [user_id])
        check_share(caller_role, owner_id, user_id, connected)
        member = Member(book_id, user_id, role, self._clock())
        added = self._members.add(member, self._connections.still_connected(owner_id, user_id))
        user = self._users.get_many([user_id]).get(user_id)
        if user is None:  # pragma: no cover - a connection is a registered user
            raise NotFound("No such user.", code="user_not_found")
        view = MemberView(SeenUser(user, True), added.member.role, added.member.added_at)
        return Shared(view, added.created)

    def unshare(self, caller_id: str, reference: str, user_id: str) -> None:
        book_id, caller_role = self._books.membership(reference, caller_id)
        member = self._members.get(book_id, user_id) if caller_role is not None else None
        check_unshare(caller_role, caller_id, user_id, member.role if member else None)
        self._members.remove(book_id, user_id)

    def unshare_between(self, user_id: str, other_id: str) -> int:
        """Take each of the two out of the books the other owns; how many that was."""
        removed = 0
        for owner, member in ((user_id, other_id), (other_id, user_id)):
            for book_id in list(self._members.book_ids_of(member)):
                book = self._books.get(book_id)
                if book is not None and book.owner_id == owner:
                    removed += self._members.remove(book_id, member)
        return removed

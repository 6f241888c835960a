"""In-memory fakes of the social graph's stores (requests, connections, members,
notifications, presence). They satisfy the same ports as the DynamoDB repositories, and the
contract suites in ``tests/contract/`` hold both to the same behaviour."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from core.accounts.models import User
from core.books.models import Added, Member, Role
from core.errors import Conflict, Forbidden, NotFound
from core.notifications.models import Notification
from core.presence.models import Presence
from core.social.models import Connection, ConnectionRequest, Direction, RequestStatus
from core.social.rules import pair_key
from core.storage import WriteCondition

RANKS = {
    RequestStatus.PENDING: "4",
    RequestStatus.ACCEPTED: "3",
    RequestStatus.REJECTED: "2",
    RequestStatus.CANCELLED: "1",
}


class InMemoryUsers:
    """``core.social.ports.Users``."""

    def __init__(self, *users: User) -> None:
        self.users = {user.id: user for user in users}

    def get(self, user_id: str) -> User | None:
        return self.users.get(user_id)

    def get_many(self, user_ids: Iterable[str]) -> dict[str, User]:
        return {u: self.users[u] for u in user_ids if u in self.users}


@dataclass(frozen=True)
class _Holds:
    store: InMemoryConnections
    user_id: str
    other_id: str

    def check_in(self, transaction: object) -> None:  # pragma: no cover - no transactions
        raise NotImplementedError

    def holds(self) -> bool:
        return (self.user_id, self.other_id) in self.store.items


class InMemoryConnections:
    """``core.social.ports.ConnectionStore``."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Connection] = {}

    def connect(self, user_id: str, other_id: str, since: datetime) -> None:
        self.items[(user_id, other_id)] = Connection(user_id, other_id, since)
        self.items[(other_id, user_id)] = Connection(other_id, user_id, since)

    def get(self, user_id: str, other_id: str) -> Connection | None:
        return self.items.get((user_id, other_id))

    def connected_among(self, user_id: str, others: Iterable[str]) -> set[str]:
        return {other for other in others if (user_id, other) in self.items}

    def page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Connection], str | None]:
        mine = sorted(c.other_id for (u, _), c in self.items.items() if u == user_id)
        found = [self.items[(user_id, o)] for o in mine if after is None or o > after]
        return found[:limit], found[limit - 1].other_id if len(found) > limit else None

    def connection_ids(self, user_id: str) -> list[str]:
        return sorted(other for (user, other) in self.items if user == user_id)

    def remove(self, user_id: str, other_id: str) -> bool:
        if (user_id, other_id) not in self.items:
            return False
        del self.items[(user_id, other_id)]
        self.items.pop((other_id, user_id), None)
        return True

    def still_connected(self, user_id: str, other_id: str) -> WriteCondition:
        return _Holds(self, user_id, other_id)


class InMemoryRequests:
    """``core.social.ports.RequestStore``; accepting connects in ``connections``."""

    def __init__(self, connections: InMemoryConnections) -> None:
        self.requests: dict[str, ConnectionRequest] = {}
        self.pending: dict[str, str] = {}
        self.connections = connections

    def get(self, request_id: str) -> ConnectionRequest | None:
        return self.requests.get(request_id)

    def create(self, request: ConnectionRequest) -> ConnectionRequest:
        pair = pair_key(request.from_user_id, request.to_user_id)
        if self.connections.get(request.from_user_id, request.to_user_id):
            raise Conflict("You are already connected.", code="already_connected")
        if pair in self.pending or request.id in self.requests:
            raise Conflict("A connection request is already pending.", code="request_pending")
        self.requests[request.id] = request
        self.pending[pair] = request.id
        return request

    def decide(
        self, request: ConnectionRequest, status: RequestStatus, at: datetime
    ) -> ConnectionRequest | None:
        stored = self.requests.get(request.id)
        if stored is None or stored.status is not RequestStatus.PENDING:
            return None
        decided = replace(stored, status=status, updated_at=at)
        self.requests[request.id] = decided
        self.pending.pop(pair_key(request.from_user_id, request.to_user_id), None)
        if status is RequestStatus.ACCEPTED:
            self.connections.connect(request.from_user_id, request.to_user_id, at)
        return decided

    def listed(
        self, user_id: str, direction: Direction, status: RequestStatus | None, after: str | None
    ) -> Iterator[tuple[str, ConnectionRequest]]:
        party = "to_user_id" if direction is Direction.INCOMING else "from_user_id"
        keyed = sorted(
            ((f"{RANKS[r.status]}{r.status.value}#{r.id}", r) for r in self.requests.values()
             if getattr(r, party) == user_id and (status is None or r.status is status)),
            key=lambda pair: pair[0],
            reverse=True,
        )  # fmt: skip
        yield from ((key, r) for key, r in keyed if after is None or key < after)


class InMemoryMembers:
    """``core.books.sharing_service.MemberStore`` over existing books, each with its owner as
    first member."""

    def __init__(self, owners: dict[str, str], created_at: datetime) -> None:
        self.book_ids = set(owners)
        self.members: dict[tuple[str, str], Member] = {
            (book_id, owner): Member(book_id, owner, Role.OWNER, created_at)
            for book_id, owner in owners.items()
        }

    def get(self, book_id: str, user_id: str) -> Member | None:
        return self.members.get((book_id, user_id))

    def page(self, book_id: str, limit: int, after: str | None) -> tuple[list[Member], str | None]:
        found = sorted(
            (
                m
                for (b, u), m in self.members.items()
                if b == book_id and (after is None or u > after)
            ),
            key=lambda m: m.user_id,
        )
        return found[:limit], found[limit - 1].user_id if len(found) > limit else None

    def add(self, member: Member, only_if: WriteCondition | None = None) -> Added:
        if member.book_id not in self.book_ids:
            raise NotFound("No such book.", code="book_not_found")
        if only_if is not None and not only_if.holds():
            raise Forbidden("Not connected.", code="not_connected")
        existing = self.get(member.book_id, member.user_id)
        if existing is not None:
            changed = replace(existing, role=member.role)
            self.members[(member.book_id, member.user_id)] = changed
            return Added(changed, False)
        self.members[(member.book_id, member.user_id)] = member
        return Added(member, True)

    def remove(self, book_id: str, user_id: str) -> bool:
        return self.members.pop((book_id, user_id), None) is not None

    def book_ids_of(self, user_id: str) -> Iterator[str]:
        yield from sorted(b for (b, u) in self.members if u == user_id)


class InMemoryNotifications:
    """``core.notifications.ports.NotificationStore``."""

    def __init__(self) -> None:
        self.notifications: dict[tuple[str, str], Notification] = {}

    def add(self, notification: Notification) -> bool:
        key = (notification.user_id, notification.id)
        if key in self.notifications:
            return False
        self.notifications[key] = notification
        return True

    def get(self, user_id: str, notification_id: str) -> Notification | None:
        return self.notifications.get((user_id, notification_id))

    def page(
        self, user_id: str, unread_only: bool, limit: int, after: str | None
    ) -> tuple[list[Notification], str | None]:
        found = sorted(
            (n for (u, i), n in self.notifications.items()
             if u == user_id and (after is None or i < after) and not (unread_only and n.read)),
            key=lambda n: n.id,
            reverse=True,
        )  # fmt: skip
        return found[:limit], found[limit - 1].id if len(found) > limit else None

    def unread_count(self, user_id: str) -> int:
        return sum(1 for (u, _), n in self.notifications.items() if u == user_id and not n.read)

    def mark_read(self, user_id: str, notification_ids: list[str]) -> int:
        marked = 0
        for notification_id in notification_ids:
            found = self.get(user_id, notification_id)
            if found is not None and not found.read:
                self.notifications[(user_id, notification_id)] = replace(found, read=True)
                marked += 1
        return marked

    def unread_ids(self, user_id: str) -> Iterator[str]:
        yield from [i for (u, i), n in self.notifications.items() if u == user_id and not n.read]


class InMemoryPresence:
    """``core.presence.ports.PresenceStore``."""

    def __init__(self) -> None:
        self.items: dict[str, Presence] = {}

    def get(self, user_id: str) -> Presence | None:
        return self.items.get(user_id)

    def get_many(self, user_ids: Iterable[str]) -> dict[str, Presence]:
        return {u: self.items[u] for u in user_ids if u in self.items}

    def replace(self, old: Presence, new: Presence) -> bool:
        current = self.items.get(old.user_id)
        if (current.version if current else 0) != old.version:
            return False
        self.items[old.user_id] = replace(new, version=old.version + 1)
        return True

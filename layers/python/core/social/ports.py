"""Protocol ports of the social graph: what its services need of their stores, and what they
need of the accounts. Repositories and the in-memory fakes satisfy them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Protocol

from core.accounts.models import User
from core.social.models import Connection, ConnectionRequest, Direction, RequestStatus
from core.storage import WriteCondition


class RequestStore(Protocol):
    """``core.social.requests.RequestRepository``."""

    def get(self, request_id: str) -> ConnectionRequest | None: ...

    def create(self, request: ConnectionRequest) -> ConnectionRequest: ...

    def decide(
        self, request: ConnectionRequest, status: RequestStatus, at: datetime
    ) -> ConnectionRequest | None: ...

    def listed(
        self, user_id: str, direction: Direction, status: RequestStatus | None, after: str | None
    ) -> Iterator[tuple[str, ConnectionRequest]]: ...


class ConnectionStore(Protocol):
    """``core.social.connections.ConnectionRepository``."""

    def get(self, user_id: str, other_id: str) -> Connection | None: ...

    def connected_among(self, user_id: str, others: Iterable[str]) -> set[str]: ...

    def page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Connection], str | None]: ...

    def connection_ids(self, user_id: str) -> list[str]: ...

    def remove(self, user_id: str, other_id: str) -> bool: ...

    def still_connected(self, user_id: str, other_id: str) -> WriteCondition: ...


class Users(Protocol):
    """What the social graph needs of the accounts (``UserRepository``)."""

    def get(self, user_id: str) -> User | None: ...

    def get_many(self, user_ids: Iterable[str]) -> dict[str, User]: ...

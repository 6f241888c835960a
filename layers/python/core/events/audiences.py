"""Who an event is for, declared as data (``BookMembers(book_id)``) by pure code and resolved
to user IDs by ``AudienceResolver`` through the repositories that know."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class BookMembers:
    """Everyone who may read the book: its owner, editors and viewers."""

    book_id: str


@dataclass(frozen=True)
class Users:
    """Named users, e.g. both parties of a connection request."""

    user_ids: frozenset[str]


@dataclass(frozen=True)
class ConnectionsOf:
    """Everyone the user is connected to (not the user)."""

    user_id: str


@dataclass(frozen=True)
class AllOf:
    """Everyone in any of the parts, e.g. a book's members and the member just removed."""

    parts: tuple[Audience, ...]


Audience = BookMembers | Users | ConnectionsOf | AllOf


class BookMembership(Protocol):
    def member_ids(self, book_id: str) -> Iterable[str]: ...


class SocialGraph(Protocol):
    def connection_ids(self, user_id: str) -> Iterable[str]: ...


class AudienceResolver:
    def __init__(self, books: BookMembership, connections: SocialGraph) -> None:
        self._books = books
        self._connections = connections

    def user_ids(self, audience: Audience) -> frozenset[str]:
        match audience:
            case BookMembers(book_id):
                return frozenset(self._books.member_ids(book_id))
            case Users(user_ids):
                return user_ids
            case ConnectionsOf(user_id):
                return frozenset(self._connections.connection_ids(user_id))
            case AllOf(parts):
                return frozenset().union(*(self.user_ids(part) for part in parts))

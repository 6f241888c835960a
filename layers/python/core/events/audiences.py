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


Audience = BookMembers | Users


class BookMembership(Protocol):
    def member_ids(self, book_id: str) -> Iterable[str]: ...


class AudienceResolver:
    def __init__(self, books: BookMembership) -> None:
        self._books = books

    def user_ids(self, audience: Audience) -> frozenset[str]:
        match audience:
            case BookMembers(book_id):
                return frozenset(self._books.member_ids(book_id))
            case Users(user_ids):
                return user_ids

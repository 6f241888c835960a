"""Address books and their members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"


@dataclass(frozen=True)
class Book:
    id: str
    name: str
    owner_id: str
    personal: bool
    created_at: datetime


@dataclass(frozen=True)
class Member:
    book_id: str
    user_id: str
    role: Role
    added_at: datetime


@dataclass(frozen=True)
class Membership:
    """A book as one of its members sees it."""

    book: Book
    role: Role


@dataclass(frozen=True)
class Added:
    """The outcome of sharing a book with a user."""

    member: Member
    created: bool
    """``False``: the user was a member already (their role is now the one asked for)."""

"""API models of address books."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from core.books.models import Membership
from core.text import Name
from functions.api.schemas.common import StrictModel, Timestamp
from functions.api.schemas.people import Profile


class BookCreate(StrictModel):
    name: Name = Field(min_length=1, max_length=100)


class BookOut(BaseModel):
    """A book as the caller sees it, with the caller's role in it."""

    id: str
    name: str
    role: Literal["owner", "editor", "viewer"]
    personal: bool = Field(description="The caller's personal book, also addressed as `me`")
    owner_id: str
    created_at: Timestamp

    @classmethod
    def of(cls, membership: Membership) -> BookOut:
        book = membership.book
        return cls(
            id=book.id,
            name=book.name,
            role=membership.role.value,
            personal=book.personal,
            owner_id=book.owner_id,
            created_at=book.created_at,
        )


class BookList(BaseModel):
    items: list[BookOut]
    next_cursor: str | None


class MemberCreate(StrictModel):
    user_id: str = Field(min_length=1, max_length=128, description="One of the owner's connections")
    role: Literal["editor", "viewer"]


class MemberOut(BaseModel):
    user: Profile
    role: Literal["owner", "editor", "viewer"]
    since: Timestamp


class MemberList(BaseModel):
    items: list[MemberOut]
    next_cursor: str | None

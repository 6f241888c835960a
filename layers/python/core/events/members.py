"""``book.member_added|member_removed`` from the books table's stream: for the book's members
and the user concerned (who, once removed, is no longer a member)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.books.images import member_from_image
from core.books.models import Role
from core.clock import rfc3339
from core.events.audiences import AllOf, Audience, BookMembers, Users
from core.events.models import Event, event_id
from core.streams import StreamChange


class MemberData(BaseModel):
    model_config = ConfigDict(frozen=True)
    book_id: str
    user_id: str
    role: str
    since: str


class MemberRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    book_id: str
    user_id: str


class MemberAdded(Event):
    type: Literal["book.member_added"] = "book.member_added"
    data: MemberData


class MemberRemoved(Event):
    type: Literal["book.member_removed"] = "book.member_removed"
    data: MemberRef


MemberEvent = MemberAdded | MemberRemoved


def member_event(change: StreamChange) -> MemberEvent | None:
    """A member added (or given another role); a member removed. Book items, and the owner's
    own membership, make no event."""
    old = member_from_image(change.old_image) if change.old_image else None
    new = member_from_image(change.new_image) if change.new_image else None
    id_ = event_id(change.table_key, change.sequence_number)
    if new is None:
        if old is None or old.role is Role.OWNER:
            return None
        return MemberRemoved(
            id=id_, at=change.at, data=MemberRef(book_id=old.book_id, user_id=old.user_id)
        )
    if new.role is Role.OWNER or (old is not None and old.role is new.role):
        return None
    data = MemberData(
        book_id=new.book_id, user_id=new.user_id, role=new.role.value, since=rfc3339(new.added_at)
    )
    return MemberAdded(id=id_, at=new.added_at if old is None else change.at, data=data)


def member_audience(event: MemberEvent) -> Audience:
    data = event.data
    return AllOf((BookMembers(data.book_id), Users(frozenset({data.user_id}))))

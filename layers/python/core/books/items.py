"""The ``books`` table's PynamoDB models, private to ``core.books.repository``."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.books.models import Member, Role
from core.storage import TableLocation, bind

BOOK = "book"
MEMBER = "member#"


class BookItem(Model):
    class Meta:
        table_name = "unbound"

    book_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    owner_id = UnicodeAttribute()
    personal = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()


class MemberItem(Model):
    class Meta:
        table_name = "unbound"

    book_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    member_user_id = UnicodeAttribute()
    role = UnicodeAttribute()
    added_at = UTCDateTimeAttribute()
    by_member: ClassVar[BooksByMember]


class BooksByMember(GlobalSecondaryIndex[MemberItem]):
    class Meta:
        index_name = "by_member"
        projection = AllProjection()

    member_user_id = UnicodeAttribute(hash_key=True)
    book_id = UnicodeAttribute(range_key=True)


def member_item(model: type[MemberItem], member: Member) -> MemberItem:
    return model(
        member.book_id,
        MEMBER + member.user_id,
        member_user_id=member.user_id,
        role=member.role.value,
        added_at=member.added_at,
    )


def to_member(item: MemberItem) -> Member:
    return Member(item.book_id, item.member_user_id, Role(item.role), item.added_at)


@cache
def models(location: TableLocation) -> tuple[type[BookItem], type[MemberItem]]:
    return bind(BookItem, location), bind(MemberItem, location, by_member=BooksByMember())

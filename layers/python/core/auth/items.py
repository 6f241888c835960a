"""The ``refresh_sessions`` table's PynamoDB model, private to ``core.auth.repository``."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pynamodb.attributes import (
    BooleanAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.auth.models import RefreshSession
from core.storage import TableLocation, bind


class SessionItem(Model):
    class Meta:
        table_name = "unbound"

    session_id = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    secret_hash = UnicodeAttribute()
    revoked = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    by_user: ClassVar[SessionsByUser]


class SessionsByUser(GlobalSecondaryIndex[SessionItem]):
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)


@cache
def model(location: TableLocation) -> type[SessionItem]:
    return bind(SessionItem, location, by_user=SessionsByUser())


def to_session(item: SessionItem) -> RefreshSession:
    return RefreshSession(
        session_id=item.session_id,
        user_id=item.user_id,
        secret_hash=item.secret_hash,
        revoked=bool(item.revoked),
        created_at=item.created_at,
        expires_at=item.expires_at,
    )


def to_item(model: type[SessionItem], session: RefreshSession) -> SessionItem:
    return model(
        session.session_id,
        user_id=session.user_id,
        secret_hash=session.secret_hash,
        revoked=session.revoked,
        created_at=session.created_at,
        expires_at=session.expires_at,
    )

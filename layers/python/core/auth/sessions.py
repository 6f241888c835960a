"""Refresh sessions (token families) in DynamoDB.

A refresh token is ``<session_id>.<secret>``; only a hash of the current secret is stored.
Rotation swaps the hash with a conditional write, so two uses of one token cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import ClassVar

from pynamodb.attributes import (
    BooleanAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.storage import TableLocation, bind


@dataclass(frozen=True)
class RefreshSession:
    session_id: str
    user_id: str
    secret_hash: str
    revoked: bool
    created_at: datetime
    expires_at: datetime


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
def _model(location: TableLocation) -> type[SessionItem]:
    return bind(SessionItem, location, by_user=SessionsByUser())


class RefreshSessionRepository:
    def __init__(self, location: TableLocation) -> None:
        self._item = _model(location)

    def create(self, session: RefreshSession) -> None:
        self._item(
            session.session_id,
            user_id=session.user_id,
            secret_hash=session.secret_hash,
            revoked=session.revoked,
            created_at=session.created_at,
            expires_at=session.expires_at,
        ).save(condition=self._item.session_id.does_not_exist())

    def get(self, session_id: str) -> RefreshSession | None:
        try:
            item = self._item.get(session_id, consistent_read=True)
        except DoesNotExist:
            return None
        return RefreshSession(
            session_id=item.session_id,
            user_id=item.user_id,
            secret_hash=item.secret_hash,
            revoked=bool(item.revoked),
            created_at=item.created_at,
            expires_at=item.expires_at,
        )

    def replace_secret(self, session_id: str, expected_hash: str, new_hash: str) -> bool:
        """Swap the secret hash if it is still ``expected_hash`` and the session is live."""
        item = self._item(session_id)
        try:
            item.update(
                actions=[self._item.secret_hash.set(new_hash)],
                condition=(self._item.secret_hash == expected_hash) & (self._item.revoked == False),  # noqa: E712 (PynamoDB condition)
            )
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def revoke(self, session_id: str) -> None:
        item = self._item(session_id)
        try:
            item.update(
                actions=[self._item.revoked.set(True)], condition=self._item.session_id.exists()
            )
        except UpdateError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise

    def revoke_all_of(self, user_id: str) -> int:
        """Revoke every live session of a user; returns how many were revoked."""
        count = 0
        for item in self._item.by_user.query(user_id):
            if not item.revoked:
                self.revoke(item.session_id)
                count += 1
        return count

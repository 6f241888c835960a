"""Refresh sessions in DynamoDB. Rotation swaps the secret's hash with a conditional write,
so two uses of one token cannot both win."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from core.auth import items
from core.auth.models import RefreshSession
from core.errors import Conflict
from core.storage import TableLocation

_CONDITION_FAILED = "ConditionalCheckFailedException"


class RefreshSessionRepository:
    def __init__(self, location: TableLocation) -> None:
        self._item = items.model(location)

    def create(self, session: RefreshSession) -> None:
        """Store a new session; ``Conflict`` if its id is taken."""
        try:
            items.to_item(self._item, session).save(
                condition=self._item.session_id.does_not_exist()
            )
        except PutError as error:
            if error.cause_response_code == _CONDITION_FAILED:
                raise Conflict("That session already exists.") from None
            raise

    def get(self, session_id: str) -> RefreshSession | None:
        try:
            return items.to_session(self._item.get(session_id, consistent_read=True))
        except DoesNotExist:
            return None

    def replace_secret(self, session_id: str, expected_hash: str, new_hash: str) -> bool:
        """Swap the secret hash if it is still ``expected_hash`` and the session is live."""
        live = (self._item.secret_hash == expected_hash) & (self._item.revoked == False)  # noqa: E712 (PynamoDB condition)
        try:
            self._item(session_id).update(
                actions=[self._item.secret_hash.set(new_hash)], condition=live
            )
        except UpdateError as error:
            if error.cause_response_code == _CONDITION_FAILED:
                return False
            raise
        return True

    def revoke(self, session_id: str) -> None:
        """Revoke a session; revoking an unknown one does nothing."""
        try:
            self._item(session_id).update(
                actions=[self._item.revoked.set(True)], condition=self._item.session_id.exists()
            )
        except UpdateError as error:
            if error.cause_response_code != _CONDITION_FAILED:
                raise

    def revoke_all_of(self, user_id: str) -> int:
        """Revoke every live session of a user; returns how many were revoked."""
        count = 0
        for item in self._item.by_user.query(user_id):
            if not item.revoked:
                self.revoke(item.session_id)
                count += 1
        return count

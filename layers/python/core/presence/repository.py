"""Presence items in DynamoDB, written whole with a version condition (optimistic locking):
changes of one user's sockets may be handled concurrently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.expressions.condition import Condition

from core.presence import items
from core.presence.models import Presence
from core.storage import TableLocation


class PresenceRepository:
    def __init__(self, location: TableLocation) -> None:
        self._item = items.model(location)

    def get(self, user_id: str) -> Presence | None:
        try:
            return items.to_presence(self._item.get(user_id, consistent_read=True))
        except DoesNotExist:
            return None

    def get_many(self, user_ids: Iterable[str]) -> dict[str, Presence]:
        found = self._item.batch_get(list(dict.fromkeys(user_ids)))
        return {item.user_id: items.to_presence(item) for item in found}

    def replace(self, old: Presence, new: Presence) -> bool:
        """Store ``new`` if the stored item is still at ``old.version``; ``False`` if it moved."""
        item = items.to_item(self._item, replace(new, version=old.version + 1))
        condition: Condition = (
            self._item.user_id.does_not_exist()
            if old.version == 0
            else self._item.version == old.version
        )
        try:
            item.save(condition=condition)
        except PutError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

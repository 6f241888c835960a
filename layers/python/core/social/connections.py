"""Connections in DynamoDB: one item per direction, ``(user_id, other_id)``, so a user's
connections are one Query of their partition and "are these two connected" one read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from core.social import items
from core.social.models import Connection
from core.storage import TableLocation, WriteCondition, transact


def _connection(item: items.ConnectionItem) -> Connection:
    return Connection(item.user_id, item.other_id, item.since)


class ConnectionRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._item = items.connection_model(location)

    def get(self, user_id: str, other_id: str) -> Connection | None:
        try:
            return _connection(self._item.get(user_id, other_id, consistent_read=True))
        except DoesNotExist:
            return None

    def connected_among(self, user_id: str, others: Iterable[str]) -> set[str]:
        """Which of ``others`` ``user_id`` is connected to."""
        keys = [(user_id, other) for other in dict.fromkeys(others) if other != user_id]
        return {item.other_id for item in self._item.batch_get(keys, consistent_read=True)}

    def page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Connection], str | None]:
        """Up to ``limit`` of the user's connections (by the other's id) after ``after``."""
        start = {"user_id": {"S": user_id}, "other_id": {"S": after}} if after else None
        found = list(self._item.query(user_id, limit=limit + 1, last_evaluated_key=start))
        page = [_connection(item) for item in found[:limit]]
        return page, page[-1].other_id if len(found) > limit else None

    def connection_ids(self, user_id: str) -> list[str]:
        """Every user ``user_id`` is connected to (an audience)."""
        query = self._item.query(user_id, attributes_to_get=["other_id"], page_size=500)
        return [item.other_id for item in query]

    def remove(self, user_id: str, other_id: str) -> bool:
        """Both directions at once; ``False`` if they were not connected."""
        mine = self._item(user_id, other_id)
        theirs = self._item(other_id, user_id)

        def write(transaction: TransactWrite) -> None:
            transaction.delete(mine, condition=self._item.other_id.exists())
            transaction.delete(theirs)

        return not transact(self._location, write)

    def still_connected(self, user_id: str, other_id: str) -> WriteCondition:
        """For another write: the two are connected when it commits."""
        return _Connected(self, user_id, other_id)

    def _check_in(self, transaction: TransactWrite, user_id: str, other_id: str) -> None:
        condition = self._item.other_id.exists()
        transaction.condition_check(self._item, user_id, other_id, condition=condition)


@dataclass(frozen=True)
class _Connected:
    connections: ConnectionRepository
    user_id: str
    other_id: str

    def check_in(self, transaction: TransactWrite) -> None:
        self.connections._check_in(transaction, self.user_id, self.other_id)

    def holds(self) -> bool:
        return self.connections.get(self.user_id, self.other_id) is not None

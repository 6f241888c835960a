"""Notifications in DynamoDB. Storing one and counting it unread happen in one transaction,
conditional on the id being new, so a repeat stores and counts nothing; marking read clears
``unread_id`` and subtracts from the counter in one transaction, conditional on it being
unread, so the count stays exact under any concurrency."""

from __future__ import annotations

from collections.abc import Iterator

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from core.notifications import items
from core.notifications.models import Notification
from core.storage import TableLocation, transact

READ_BATCH = 50
"""Notifications marked read per transaction (with the counter)."""


class NotificationRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._item, self._counter = items.models(location)

    def add(self, notification: Notification) -> bool:
        """Store a new notification; ``False`` if one with its id exists already."""

        def write(transaction: TransactWrite) -> None:
            item = items.to_item(self._item, notification)
            transaction.save(item, condition=self._item.sk.does_not_exist())
            if not notification.read:
                counter = self._counter(notification.user_id, items.COUNTER)
                transaction.update(counter, actions=[self._counter.unread.add(1)])

        return not transact(self._location, write)

    def get(self, user_id: str, notification_id: str) -> Notification | None:
        try:
            item = self._item.get(
                user_id, items.NOTIFICATION + notification_id, consistent_read=True
            )
        except DoesNotExist:
            return None
        return items.to_notification(item)

    def page(
        self, user_id: str, unread_only: bool, limit: int, after: str | None
    ) -> tuple[list[Notification], str | None]:
        """Newest first, after the notification id ``after``."""
        if unread_only:
            start = None
            if after:
                sk = items.NOTIFICATION + after
                start = {"user_id": {"S": user_id}, "unread_id": {"S": after}, "sk": {"S": sk}}
            query = self._item.unread.query(
                user_id, scan_index_forward=False, limit=limit + 1, last_evaluated_key=start
            )
        else:
            position = items.NOTIFICATION + after if after else None
            query = self._item.query(
                user_id,
                self._item.sk.startswith(items.NOTIFICATION),
                scan_index_forward=False,
                limit=limit + 1,
                last_evaluated_key=(
                    {"user_id": {"S": user_id}, "sk": {"S": position}} if position else None
                ),
            )
        found = [items.to_notification(item) for item in query]
        return found[:limit], found[limit - 1].id if len(found) > limit else None

    def unread_count(self, user_id: str) -> int:
        try:
            counter = self._counter.get(user_id, items.COUNTER, consistent_read=True)
        except DoesNotExist:
            return 0
        return max(0, int(counter.unread))

    def mark_read(self, user_id: str, notification_ids: list[str]) -> int:
        """Mark those of the notifications that are unread read; how many that was."""
        marked = 0
        for start in range(0, len(notification_ids), READ_BATCH):
            batch = notification_ids[start : start + READ_BATCH]
            while batch:
                if not self._mark_batch(user_id, batch):
                    marked += len(batch)
                    break
                batch = [n.id for n in self._get_many(user_id, batch) if not n.read]
        return marked

    def unread_ids(self, user_id: str) -> Iterator[str]:
        """Every unread notification of the user (a consistent read, not the index)."""
        query = self._item.query(
            user_id,
            self._item.sk.startswith(items.NOTIFICATION),
            filter_condition=self._item.unread_id.exists(),
            consistent_read=True,
            attributes_to_get=["sk"],
            page_size=500,
        )
        for item in query:
            yield item.sk.removeprefix(items.NOTIFICATION)

    def _mark_batch(self, user_id: str, ids: list[str]) -> list[str | None]:
        def write(transaction: TransactWrite) -> None:
            for notification_id in ids:
                item = self._item(user_id, items.NOTIFICATION + notification_id)
                actions: list[Action] = [
                    self._item.read.set(True),
                    self._item.unread_id.remove(),
                ]
                transaction.update(item, actions=actions, condition=self._item.unread_id.exists())
            counter = self._counter(user_id, items.COUNTER)
            transaction.update(counter, actions=[self._counter.unread.add(-len(ids))])

        return transact(self._location, write)

    def _get_many(self, user_id: str, ids: list[str]) -> list[Notification]:
        keys = [(user_id, items.NOTIFICATION + notification_id) for notification_id in ids]
        return [items.to_notification(i) for i in self._item.batch_get(keys, consistent_read=True)]

"""The ``notifications`` table's PynamoDB models, private to its repository: one item per
notification (``sk = n#<id>``, ``unread_id`` set while unread, for the sparse ``unread``
index) and the user's unread counter (``sk = unread``)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.notifications.models import Notification, Target, Verb
from core.storage import TableLocation, bind

NOTIFICATION = "n#"
COUNTER = "unread"


class NotificationItem(Model):
    class Meta:
        table_name = "unbound"

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    verb = UnicodeAttribute()
    actor = UnicodeAttribute()
    target_type = UnicodeAttribute()
    target_id = UnicodeAttribute()
    message = UnicodeAttribute()
    read = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()
    unread_id = UnicodeAttribute(null=True)
    unread: ClassVar[Unread]


class Unread(GlobalSecondaryIndex[NotificationItem]):
    class Meta:
        index_name = "unread"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    unread_id = UnicodeAttribute(range_key=True)


class CounterItem(Model):
    class Meta:
        table_name = "unbound"

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    unread = NumberAttribute(default=0)


@cache
def models(location: TableLocation) -> tuple[type[NotificationItem], type[CounterItem]]:
    return bind(NotificationItem, location, unread=Unread()), bind(CounterItem, location)


def to_notification(item: NotificationItem) -> Notification:
    return Notification(
        id=item.sk.removeprefix(NOTIFICATION),
        user_id=item.user_id,
        verb=Verb(item.verb),
        actor=item.actor,
        target=Target(item.target_type, item.target_id),
        message=item.message,
        read=bool(item.read),
        created_at=item.created_at,
    )


def to_item(model: type[NotificationItem], notification: Notification) -> NotificationItem:
    return model(
        notification.user_id,
        NOTIFICATION + notification.id,
        verb=notification.verb.value,
        actor=notification.actor,
        target_type=notification.target.type,
        target_id=notification.target.id,
        message=notification.message,
        read=notification.read,
        created_at=notification.created_at,
        unread_id=None if notification.read else notification.id,
    )

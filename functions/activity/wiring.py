"""Dependencies of the activity consumer, built once per cold start on first use."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, load_settings

if TYPE_CHECKING:
    from core.adapters.stream_batches import RecordDispatch


class ActivitySettings(FunctionSettings):
    users_table: str = Field(alias="USERS_TABLE", min_length=1)
    books_table: str = Field(alias="BOOKS_TABLE", min_length=1)
    user_connections_table: str = Field(alias="USER_CONNECTIONS_TABLE", min_length=1)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=1)
    presence_table: str = Field(alias="PRESENCE_TABLE", min_length=1)


@cache
def services() -> RecordDispatch[None]:
    """Each record to the handler of its table (``core.activity.Activity``)."""
    from core.accounts.repository import UserReader
    from core.activity import Activity
    from core.adapters.stream_batches import RecordDispatch
    from core.books.members import MemberRepository
    from core.books.repository import BookRepository
    from core.books.service import BookService
    from core.books.sharing_service import SharingService
    from core.notifications.recorder import NotificationRecorder
    from core.notifications.repository import NotificationRepository
    from core.presence.repository import PresenceRepository
    from core.presence.tracker import PresenceTracker
    from core.social.connections import ConnectionRepository
    from core.streams import ChangeDispatch
    from functions.stream_consumers import ACTIVITY

    settings = load_settings(ActivitySettings, os.environ)
    location = settings.table_location
    books = BookService(BookRepository(location(settings.books_table)))
    users = UserReader(location(settings.users_table))
    notifier = NotificationRecorder(
        NotificationRepository(location(settings.notifications_table)), users, books
    )
    sharing = SharingService(
        books,
        MemberRepository(location(settings.books_table)),
        ConnectionRepository(location(settings.user_connections_table)),
        users,
    )
    presence = PresenceTracker(PresenceRepository(location(settings.presence_table)))
    activity = Activity(notifier, presence, sharing, books)
    changes: ChangeDispatch[None] = ChangeDispatch(
        {
            "connection_requests": activity.on_request,
            "books": activity.on_member,
            "user_connections": activity.on_connection,
            "sockets": activity.on_socket,
        }
    )
    return RecordDispatch(ACTIVITY.table_keys(os.environ, changes.table_keys), changes)

"""Turning what a change asks for (``Draft``) into a stored notification: the id derived from
the source event, the message naming the actor (and the book)."""

from __future__ import annotations

from typing import Protocol

from core.accounts.models import User
from core.books.models import Book
from core.notifications.models import Draft, Notification
from core.notifications.rules import message_of, notification_id


class NotificationSink(Protocol):
    def add(self, notification: Notification) -> bool: ...


class UserLookup(Protocol):
    def get(self, user_id: str) -> User | None: ...


class BookLookup(Protocol):
    def get(self, book_id: str) -> Book | None: ...


class NotificationRecorder:
    def __init__(self, sink: NotificationSink, users: UserLookup, books: BookLookup) -> None:
        self._sink = sink
        self._users = users
        self._books = books

    def record(self, draft: Draft) -> Notification:
        """Store the draft's notification (a repeat stores nothing) and return it."""
        actor = self._users.get(draft.actor)
        actor_name = (actor.full_name or actor.username) if actor else "Someone"
        target_name = ""
        if draft.target.type == "book":
            book = self._books.get(draft.target.id)
            target_name = book.name if book else "an address book"
        notification = Notification(
            id=notification_id(draft),
            user_id=draft.recipient,
            verb=draft.verb,
            actor=draft.actor,
            target=draft.target,
            message=message_of(draft.verb, actor_name, target_name),
            read=False,
            created_at=draft.created_at,
        )
        self._sink.add(notification)
        return notification

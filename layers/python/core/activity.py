"""What the ``activity`` stream consumer does with each change (derived writes, never on the
request path): notifications from requests and new members, presence from the socket
registry, and the shared-books clean-up when a connection goes. Every handler may see the
same change again (retries, re-deliveries) and then changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol, TypeVar

from core.books.images import member_from_image
from core.books.models import Book
from core.notifications.models import Draft
from core.notifications.rules import member_drafts, request_drafts
from core.realtime.sockets import socket_from_image
from core.social.images import connection_from_image, request_from_image
from core.streams import PoisonChange, StreamChange


class Notifier(Protocol):
    def record(self, draft: Draft) -> object: ...


class Presence(Protocol):
    def opened(
        self, user_id: str, socket_id: str, expires_at: datetime, at: datetime
    ) -> object: ...
    def closed(self, user_id: str, socket_id: str, at: datetime) -> object: ...


class Sharing(Protocol):
    def unshare_between(self, user_id: str, other_id: str) -> int: ...


class BookLookup(Protocol):
    def get(self, book_id: str) -> Book | None: ...


D = TypeVar("D")


def _decoded(decode: Callable[[Mapping[str, Any]], D], image: Mapping[str, Any] | None) -> D | None:
    """An image as its aggregate decodes it; one that cannot be decoded never will be."""
    if image is None:
        return None
    try:
        return decode(image)
    except Exception as error:
        raise PoisonChange(f"{type(error).__name__}: {error}") from error


class Activity:
    def __init__(
        self, notifier: Notifier, presence: Presence, sharing: Sharing, books: BookLookup
    ) -> None:
        self._notifier = notifier
        self._presence = presence
        self._sharing = sharing
        self._books = books

    def on_request(self, change: StreamChange) -> None:
        old = _decoded(request_from_image, change.old_image)
        new = _decoded(request_from_image, change.new_image)
        for draft in request_drafts(old, new):
            self._notifier.record(draft)

    def on_member(self, change: StreamChange) -> None:
        old = _decoded(member_from_image, change.old_image)
        new = _decoded(member_from_image, change.new_image)
        if new is None or old is not None:
            return
        book = self._books.get(new.book_id)
        if book is not None:
            for draft in member_drafts(old, new, book.owner_id):
                self._notifier.record(draft)

    def on_connection(self, change: StreamChange) -> None:
        """A removed connection (its canonical direction): finish the clean-up of shared books
        that ``DELETE /connections`` does, should it have stopped half way."""
        removed = _decoded(connection_from_image, change.old_image)
        if change.action == "REMOVE" and removed and removed.user_id < removed.other_id:
            self._sharing.unshare_between(removed.user_id, removed.other_id)

    def on_socket(self, change: StreamChange) -> None:
        opened = _decoded(socket_from_image, change.new_image)
        closed = _decoded(socket_from_image, change.old_image)
        if change.action == "INSERT" and opened is not None:
            self._presence.opened(
                opened.user_id, opened.connection_id, opened.expires_at, opened.connected_at
            )
        elif change.action == "REMOVE" and closed is not None:
            at = min(change.at, closed.expires_at)  # a TTL removal comes late
            self._presence.closed(closed.user_id, closed.connection_id, at)

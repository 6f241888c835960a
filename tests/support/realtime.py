"""Fakes of the broadcaster's ports (who is connected, the management API, book members)
and the contacts event spec with a fake image decoder."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer

from core.clock import parse_rfc3339
from core.contacts.models import Address, Contact
from core.events.contacts import ContactEvent, contact_audience, contact_event
from core.events.registry import EventSpec
from core.realtime.fanout import DELIVERED, GONE, PostResult
from core.streams import StreamChange


class FakeDirectory:
    def __init__(self, connections: Mapping[str, list[str]]) -> None:
        self.connections = {user: list(ids) for user, ids in connections.items()}
        self.removed: list[str] = []
        self.lookups: list[str] = []

    def connections_of(self, user_id: str) -> list[str]:
        self.lookups.append(user_id)
        return list(self.connections.get(user_id, []))

    def remove(self, connection_id: str) -> None:
        self.removed.append(connection_id)
        for ids in self.connections.values():
            if connection_id in ids:
                ids.remove(connection_id)


class FakeSender:
    """Records frames per connection; ``gone`` answer 410; ``failing`` answer an error on
    the given attempts (numbered from 0 per connection; ``None``: every attempt)."""

    def __init__(
        self, gone: Iterable[str] = (), failing: Mapping[str, set[int] | None] | None = None
    ) -> None:
        self.gone = set(gone)
        self.failing = dict(failing or {})
        self.attempts: dict[str, int] = defaultdict(int)
        self.frames: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._lock = threading.Lock()

    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> dict[str, PostResult]:
        return {cid: self._post(cid, frame) for batch in batches for cid in batch}

    def _post(self, connection_id: str, frame: str) -> PostResult:
        with self._lock:
            attempt = self.attempts[connection_id]
            self.attempts[connection_id] += 1
            if connection_id in self.gone:
                return GONE
            attempts = self.failing.get(connection_id, set())
            if attempts is None or attempt in attempts:
                return RuntimeError(f"500 from the management API for {connection_id}")
            self.frames[connection_id].append(json.loads(frame))
            return DELIVERED


class FakeBooks:
    def __init__(self, members: Mapping[str, Iterable[str]]) -> None:
        self.members = {book: list(users) for book, users in members.items()}

    def member_ids(self, book_id: str) -> list[str]:
        return self.members.get(book_id, [])


class FakeConnections:
    def __init__(self, connections: Mapping[str, Iterable[str]] | None = None) -> None:
        self.connections = {user: list(others) for user, others in (connections or {}).items()}

    def connection_ids(self, user_id: str) -> list[str]:
        return self.connections.get(user_id, [])


_deserializer = TypeDeserializer()


FAKE_TIME = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)
"""When a fake contact was last updated, unless its image says."""


def fake_contact_decoder(image: Mapping[str, Any]) -> Contact:
    """Stands in for ``contact_from_image``: any flat image with a name is a contact; the
    fields it lacks are empty."""
    plain = {key: _deserializer.deserialize(value) for key, value in image.items()}
    if "name" not in plain:
        raise ValueError("a contact image needs a name")
    at = parse_rfc3339(plain["updated_at"]) if "updated_at" in plain else FAKE_TIME
    return Contact(
        id=plain["contact_id"], book_id=plain["book_id"], name=plain["name"], phones=(),
        emails=(), company=None, title=None, address=Address(), birthday=None, notes=None,
        tags=(), version=1, created_at=at, updated_at=at, created_by="usr_fake",
        updated_by="usr_fake",
    )  # fmt: skip


def fake_contact_spec() -> EventSpec[ContactEvent]:
    """The contacts event spec, with ``fake_contact_decoder`` for stored images."""

    def build(change: StreamChange) -> ContactEvent:
        return contact_event(change, decode=fake_contact_decoder)

    return EventSpec(table_key="contacts", build=build, audience=contact_audience)

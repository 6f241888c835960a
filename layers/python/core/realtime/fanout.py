"""Deliver one frame to every open connection of a set of users.

The users' connections are looked up concurrently (one index query per user) and handed,
as each lookup finishes, to a ``ConnectionSender`` that posts to them concurrently: posting
overlaps the remaining lookups. A closed connection (410) is forgotten and does not stop
the others. Any other failure is collected; once every post has been tried,
``DeliveryFailed`` says which connections did not get the frame, so the caller can retry
the whole delivery (clients drop the duplicates by event id).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from typing import Any, Protocol

DELIVERED, GONE = "delivered", "gone"
PostResult = str | Exception
"""``DELIVERED``, ``GONE`` (the connection is closed: 410) or the exception that stopped
the post."""


class SocketDirectory(Protocol):
    """Who has which sockets open (``core.realtime.sockets.SocketRegistry``)."""

    def connections_of(self, user_id: str) -> list[str]: ...

    def remove(self, connection_id: str) -> None: ...


class ConnectionSender(Protocol):
    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> Mapping[str, PostResult]:
        """Per connection: ``DELIVERED``, ``GONE`` or the exception that stopped the post."""
        ...


@dataclass(frozen=True)
class Delivery:
    connections: int
    delivered: int
    pruned: int


class DeliveryFailed(Exception):
    def __init__(self, delivery: Delivery, errors: Mapping[str, BaseException]) -> None:
        first = next(iter(errors.values()), None)
        super().__init__(f"{len(errors)} of {delivery.connections} posts failed, e.g. {first!r}")
        self.delivery = delivery
        self.errors = dict(errors)


class FanOut:
    def __init__(
        self, directory: SocketDirectory, sender: ConnectionSender, executor: Executor
    ) -> None:
        self._directory = directory
        self._sender = sender
        self._executor = executor
        self._warm = False

    def deliver(self, frame: Mapping[str, Any], user_ids: Collection[str]) -> Delivery:
        text = json.dumps(frame, separators=(",", ":"), ensure_ascii=False)
        results = dict(self._sender.post_all(self._connection_batches(user_ids), text))
        gone = [cid for cid, result in results.items() if result == GONE]
        for connection_id, error in zip(gone, self._executor.map(self._forget, gone), strict=True):
            if error is not None:
                results[connection_id] = error
        errors = {cid: result for cid, result in results.items() if isinstance(result, Exception)}
        delivery = Delivery(
            connections=len(results),
            delivered=sum(1 for result in results.values() if result == DELIVERED),
            pruned=sum(1 for result in results.values() if result == GONE),
        )
        if errors:
            raise DeliveryFailed(delivery, errors)
        return delivery

    def _connection_batches(self, user_ids: Collection[str]) -> Iterator[list[str]]:
        """Each user's connection IDs, as their lookups finish: all at once, except the
        very first lookup of the process, which creates the (cold) client once, on this
        thread, rather than once per lookup thread."""
        remaining = sorted(user_ids)
        if remaining and not self._warm:
            yield self._directory.connections_of(remaining.pop(0))
            self._warm = True
        lookups = [self._executor.submit(self._directory.connections_of, u) for u in remaining]
        for lookup in as_completed(lookups):
            yield lookup.result()

    def _forget(self, connection_id: str) -> Exception | None:
        try:
            self._directory.remove(connection_id)
        except Exception as error:
            return error
        return None

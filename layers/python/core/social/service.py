"""Connection requests: sending, deciding (accept, reject, cancel) and listing them."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice

from core.clock import utc_now
from core.errors import Conflict, NotFound
from core.ids import new_id
from core.pagination import Page, Position
from core.social.models import ConnectionRequest, Decision, Direction, RequestStatus
from core.social.ports import RequestStore, Users
from core.social.rules import check_recipient, check_visible, next_status

DECISION_ATTEMPTS = 5


class RequestService:
    def __init__(
        self, requests: RequestStore, users: Users, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._requests = requests
        self._users = users
        self._clock = clock

    def send(self, sender: str, to_user_id: str, message: str | None) -> ConnectionRequest:
        check_recipient(sender, to_user_id)
        if self._users.get(to_user_id) is None:
            raise NotFound("No such user.", code="user_not_found")
        now = self._clock()
        request = ConnectionRequest(
            new_id("cr"), sender, to_user_id, RequestStatus.PENDING, message or None, now, now
        )
        return self._requests.create(request)

    def get(self, user_id: str, request_id: str) -> ConnectionRequest:
        return check_visible(self._requests.get(request_id), user_id)

    def decide(self, user_id: str, request_id: str, decision: Decision) -> ConnectionRequest:
        """Apply ``decision``; a repeat returns the request unchanged. Of concurrent decisions
        one is written; the others re-read and answer as a repeat or a conflict."""
        for _ in range(DECISION_ATTEMPTS):
            request = self.get(user_id, request_id)
            status = next_status(request, user_id, decision)
            if status is None:
                return request
            decided = self._requests.decide(request, status, self._clock())
            if decided is not None:
                return decided
        raise Conflict("The request keeps changing; try again.", code="concurrent_change")

    def requests_of(
        self,
        user_id: str,
        direction: Direction | None,
        status: RequestStatus | None,
        limit: int,
        at: Position | None,
    ) -> Page[ConnectionRequest]:
        """Pending first, then accepted, rejected, cancelled; newest first in each. Without a
        direction, both directions merged in that order."""
        at = at or {}
        directions = [direction] if direction else list(Direction)
        streams = {
            d.value: self._requests.listed(user_id, d, status, at.get(d.value)) for d in directions
        }
        return merged_page(streams, at, limit)


def merged_page(
    streams: dict[str, Iterator[tuple[str, ConnectionRequest]]], at: Position, limit: int
) -> Page[ConnectionRequest]:
    """Up to ``limit`` items of streams in descending key order, merged; the next page's
    position holds the last key taken from each stream."""
    tagged = [((key, name, item) for key, item in stream) for name, stream in streams.items()]
    taken = list(islice(heapq.merge(*tagged, key=lambda t: t[0], reverse=True), limit + 1))
    if len(taken) <= limit:
        return Page([item for _, _, item in taken], None)
    position = {name: key for name, key in at.items() if name in streams}
    for key, name, _ in taken[:limit]:
        position[name] = key
    return Page([item for _, _, item in taken[:limit]], position)

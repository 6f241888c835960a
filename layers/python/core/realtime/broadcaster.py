"""The generic fan-out loop for one stream change: build the event its table's
``EventSpec`` declares, resolve the audience to users, deliver to their connections.

Building and choosing the audience are pure; if either fails, or the change's table has no
spec, the change can never become an event (``PoisonChange``: the caller logs and skips
it). Looking up members and connections and posting are I/O; their failures propagate so
the change is retried.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from core.events.audiences import Audience, AudienceResolver
from core.events.models import Event
from core.events.registry import EventSpec
from core.realtime.fanout import Delivery, FanOut
from core.streams import ChangeDispatch, PoisonChange, StreamChange

__all__ = ["Broadcaster", "PoisonChange", "Published"]


@dataclass(frozen=True)
class Published:
    event: Event
    audience_size: int
    delivery: Delivery


class Broadcaster:
    def __init__(
        self, specs: Mapping[str, EventSpec[Any]], audiences: AudienceResolver, fanout: FanOut
    ) -> None:
        self._audiences = audiences
        self._fanout = fanout
        self.dispatch: ChangeDispatch[Published | None] = ChangeDispatch(
            {table_key: partial(self._publish, spec) for table_key, spec in specs.items()}
        )
        """Each change to the publisher of its table's ``EventSpec``."""

    def publish(self, change: StreamChange) -> Published | None:
        """Deliver the change's event; ``None`` if the change makes no event."""
        return self.dispatch(change)

    def _publish(self, spec: EventSpec[Any], change: StreamChange) -> Published | None:
        built = _event_of(spec, change)
        if built is None:
            return None
        event, audience = built
        user_ids = self._audiences.user_ids(audience)
        delivery = self._fanout.deliver(event.frame(), user_ids)
        return Published(event, len(user_ids), delivery)


def _event_of(spec: EventSpec[Any], change: StreamChange) -> tuple[Event, Audience] | None:
    try:
        event = spec.build(change)
        return None if event is None else (event, spec.audience(event))
    except Exception as error:
        raise PoisonChange(f"{type(error).__name__}: {error}") from error

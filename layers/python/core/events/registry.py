"""The one place that says, per table stream, how an event is built from a change and who
its audience is. Adding an event type is adding an ``EventSpec`` here; the fan-out loop
(``core.realtime.broadcaster``) stays as it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from core.events.audiences import Audience
from core.events.contacts import contact_audience, contact_event
from core.events.members import member_audience, member_event
from core.events.models import Event
from core.events.notifications import notification_audience, notification_event
from core.events.presence import presence_audience, presence_event
from core.events.social import (
    connection_audience,
    connection_event,
    request_audience,
    request_event,
)
from core.streams import StreamChange

E = TypeVar("E", bound=Event)


@dataclass(frozen=True)
class EventSpec(Generic[E]):
    table_key: str
    """The table whose stream carries the changes (``infra/tables.py`` key)."""
    build: Callable[[StreamChange], E | None]
    """Pure: the event of a change, ``None`` if the change is not worth an event; raises
    if the change cannot be decoded (it would fail the same way forever)."""
    audience: Callable[[E], Audience]
    """Pure: who may see the event."""
    recorded: bool = True
    """Kept in each recipient's event log (with a ``seq``) so a client that was away gets it
    on ``resume``; ``False``: live only (``presence.changed``)."""


EVENT_SPECS: tuple[EventSpec[Any], ...] = (
    EventSpec(table_key="contacts", build=contact_event, audience=contact_audience),
    EventSpec(table_key="connection_requests", build=request_event, audience=request_audience),
    EventSpec(table_key="user_connections", build=connection_event, audience=connection_audience),
    EventSpec(table_key="books", build=member_event, audience=member_audience),
    EventSpec(table_key="notifications", build=notification_event, audience=notification_audience),
    EventSpec(
        table_key="presence",
        build=presence_event,
        audience=presence_audience,
        recorded=False,
    ),
)


def specs_by_table(specs: tuple[EventSpec[Any], ...] = EVENT_SPECS) -> Mapping[str, EventSpec[Any]]:
    return {spec.table_key: spec for spec in specs}

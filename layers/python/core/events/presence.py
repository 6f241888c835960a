"""``presence.changed`` from the presence table's stream, when a user's ``online`` flips (the
first socket opened, or the last one closed): for the user's connections. Not recorded."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.clock import rfc3339
from core.events.audiences import Audience, ConnectionsOf
from core.events.models import Event, event_id
from core.presence.images import presence_from_image
from core.streams import StreamChange


class PresenceData(BaseModel):
    model_config = ConfigDict(frozen=True)
    user_id: str
    online: bool
    last_seen: str | None


class PresenceChanged(Event):
    type: Literal["presence.changed"] = "presence.changed"
    data: PresenceData


def presence_event(change: StreamChange) -> PresenceChanged | None:
    if change.new_image is None:
        return None
    new = presence_from_image(change.new_image)
    old_online = presence_from_image(change.old_image).online if change.old_image else False
    if new.online is old_online:
        return None
    last_seen = rfc3339(new.last_seen) if new.last_seen else None
    return PresenceChanged(
        id=event_id(change.table_key, change.sequence_number),
        at=new.last_seen or change.at,
        data=PresenceData(user_id=new.user_id, online=new.online, last_seen=last_seen),
    )


def presence_audience(event: PresenceChanged) -> Audience:
    return ConnectionsOf(event.data.user_id)

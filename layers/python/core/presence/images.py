"""Presence from stream images of the ``presence`` table (``presence.changed``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.presence.items import PresenceItem, to_presence
from core.presence.models import Presence


def presence_from_image(image: Mapping[str, Any]) -> Presence:
    if "user_id" not in image:
        raise ValueError("not a presence image: no user_id")
    return to_presence(PresenceItem.from_raw_data(dict(image)))

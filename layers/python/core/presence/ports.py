"""Protocol ports of presence (``PresenceRepository`` and the fake satisfy them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from core.presence.models import Presence


class PresenceStore(Protocol):
    def get(self, user_id: str) -> Presence | None: ...

    def get_many(self, user_ids: Iterable[str]) -> dict[str, Presence]: ...

    def replace(self, old: Presence, new: Presence) -> bool:
        """Store ``new`` if the stored item is still at ``old.version``."""
        ...

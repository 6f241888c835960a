"""What a user may see of other users: everyone's public profile; email and phone only of
themselves and their connections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from core.accounts.models import User


@dataclass(frozen=True)
class SeenUser:
    user: User
    contact_details: bool
    """Whether the viewer may see the user's email and phone."""


class Connected(Protocol):
    def connected_among(self, user_id: str, others: list[str]) -> set[str]: ...


def sees_contact_details(viewer_id: str, user_id: str, connected: set[str]) -> bool:
    return viewer_id == user_id or user_id in connected


def seen_by(viewer_id: str, users: Sequence[User], connections: Connected) -> list[SeenUser]:
    """The users as ``viewer_id`` sees them (one batch read of the viewer's connections)."""
    connected = connections.connected_among(viewer_id, [user.id for user in users])
    return [SeenUser(user, sees_contact_details(viewer_id, user.id, connected)) for user in users]

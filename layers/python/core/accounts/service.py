"""Reading and changing one's own profile."""

from __future__ import annotations

from collections.abc import Mapping

from core.accounts.models import PROFILE_FIELDS, User
from core.accounts.ports import Profiles
from core.clock import utc_now
from core.errors import NotFound

EDITABLE_FIELDS = frozenset(PROFILE_FIELDS)


class ProfileService:
    def __init__(self, users: Profiles) -> None:
        self._users = users

    def profile(self, user_id: str) -> User:
        user = self._users.get(user_id)
        if user is None:
            raise NotFound("No such user.")
        return user

    def update(self, user_id: str, changes: Mapping[str, str | None]) -> User:
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if not changes:
            return self.profile(user_id)
        cleaned = {name: (value or None) for name, value in changes.items()}
        return self._users.update_profile(user_id, cleaned, utc_now())

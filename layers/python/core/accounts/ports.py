"""Protocol ports of the accounts aggregate: what its services need of the accounts' store
(``core.accounts.repository.UserRepository``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from core.accounts.models import User


class Profiles(Protocol):
    """What the service needs of the accounts' store (``UserRepository``)."""

    def get(self, user_id: str) -> User | None: ...

    def update_profile(
        self, user_id: str, values: Mapping[str, str | None], updated_at: datetime
    ) -> User: ...

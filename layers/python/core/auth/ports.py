"""What the auth service needs of the stores and services around it (Protocol ports: the
repositories satisfy them, and so do the fakes of unit tests)."""

from __future__ import annotations

from typing import Protocol

from core.accounts.models import User
from core.auth.models import RefreshSession


class Accounts(Protocol):
    """What the service needs of the accounts' store (``UserRepository``)."""

    def create(self, user: User, password_hash: str) -> User: ...

    def get(self, user_id: str) -> User | None: ...

    def credentials_for(self, username_or_email: str) -> tuple[User, str] | None: ...


class Sessions(Protocol):
    """What the service needs of the sessions' store (``RefreshSessionRepository``)."""

    def create(self, session: RefreshSession) -> None: ...

    def get(self, session_id: str) -> RefreshSession | None: ...

    def replace_secret(self, session_id: str, expected_hash: str, new_hash: str) -> bool: ...

    def revoke(self, session_id: str) -> None: ...

    def revoke_all_of(self, user_id: str) -> int: ...


class PersonalBooks(Protocol):
    def ensure_personal_book(self, user_id: str) -> object: ...

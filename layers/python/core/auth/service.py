"""Registration, login, refresh-token rotation with reuse detection, logout."""

from __future__ import annotations

from core.accounts.models import Registration, User
from core.auth.models import TokenPair
from core.auth.passwords import PasswordHasher
from core.auth.ports import Accounts, PersonalBooks, Sessions
from core.auth.principal import Principal
from core.auth.refresh_tokens import (
    hash_secret,
    new_secret,
    new_session,
    refresh_token_of,
    same_secret,
    split_refresh_token,
)
from core.auth.tokens import AccessTokens
from core.clock import utc_now
from core.errors import Unauthenticated
from core.ids import new_id
from core.login_attempts.rules import subjects_of
from core.login_attempts.service import LoginGuard


class AuthService:
    def __init__(
        self,
        users: Accounts,
        sessions: Sessions,
        hasher: PasswordHasher,
        tokens: AccessTokens,
        personal_books: PersonalBooks | None = None,
        guard: LoginGuard | None = None,
    ) -> None:
        self._guard = guard
        self._users = users
        self._sessions = sessions
        self._hasher = hasher
        self._tokens = tokens
        self._personal_books = personal_books

    def register(self, registration: Registration) -> User:
        now = utc_now()
        user = User(
            id=new_id("usr"),
            username=registration.username,
            email=registration.email,
            full_name=registration.full_name,
            company=registration.company,
            phone=registration.phone,
            bio=None,
            created_at=now,
            updated_at=now,
        )
        created = self._users.create(user, self._hasher.hash(registration.password))
        if self._personal_books is not None:
            # Not in the user's transaction: if this fails, the book is created on first use
            # (``BookService.access`` and ``books_of`` heal a missing personal book).
            self._personal_books.ensure_personal_book(created.id)
        return created

    def login(self, login: str, password: str, source_ip: str | None = None) -> TokenPair:
        """Tokens for the right password; ``RateLimited`` while the account or the source
        address is locked out after failed logins, whatever the password."""
        found = self._users.credentials_for(login)
        subjects = subjects_of(found[0].id if found else login.strip().lower(), source_ip)
        if self._guard is not None:
            self._guard.check(subjects)
        password_hash = found[1] if found else None
        if not self._hasher.verify(password_hash, password) or found is None:
            locked = self._guard.failed(subjects) if self._guard is not None else None
            if locked is not None:
                raise locked
            raise Unauthenticated("Wrong username or password.", code="invalid_credentials")
        if self._guard is not None:
            self._guard.succeeded(subjects[0])
        return self._start_session(found[0])

    def refresh(self, refresh_token: str) -> TokenPair:
        parts = split_refresh_token(refresh_token)
        session = self._sessions.get(parts[0]) if parts else None
        if parts is None or session is None:
            raise Unauthenticated("The refresh token is not valid.", code="invalid_refresh_token")
        if session.revoked or session.expires_at <= utc_now():
            raise Unauthenticated(
                "The refresh token is no longer valid.", code="invalid_refresh_token"
            )
        presented, secret = hash_secret(parts[1]), new_secret()
        rotated = same_secret(presented, session.secret_hash) and (
            self._sessions.replace_secret(session.session_id, presented, hash_secret(secret))
        )
        if not rotated:
            # A token that was already rotated away is being replayed: revoke the family.
            self._sessions.revoke(session.session_id)
            raise Unauthenticated(
                "The refresh token was already used; sign in again.", code="refresh_token_reused"
            )
        user = self._users.get(session.user_id)
        if user is None:
            raise Unauthenticated("The account no longer exists.", code="invalid_refresh_token")
        return self._pair(user, refresh_token_of(session.session_id, secret))

    def logout(self, user_id: str) -> None:
        self._sessions.revoke_all_of(user_id)

    def _start_session(self, user: User) -> TokenPair:
        secret = new_secret()
        session = new_session(user.id, secret, utc_now())
        self._sessions.create(session)
        return self._pair(user, refresh_token_of(session.session_id, secret))

    def _pair(self, user: User, refresh_token: str) -> TokenPair:
        access = self._tokens.issue(Principal(user.id, user.username), utc_now())
        return TokenPair(access, refresh_token, int(self._tokens.ttl.total_seconds()))

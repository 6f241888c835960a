"""Builds the REST function's dependencies once per cold start, on first use: one small
builder per aggregate.

Imports of PynamoDB, argon2 and the JWT library happen here, not when ``app.py`` loads,
so functions that never serve a REST request never pay for them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import SigningFunctionSettings, load_settings

if TYPE_CHECKING:
    from core.accounts.repository import UserRepository
    from core.accounts.service import ProfileService
    from core.adapters.idempotency import IdempotentCreates
    from core.auth.service import AuthService
    from core.books.service import BookService
    from core.contact_history.repository import ContactHistoryRepository
    from core.contact_history.service import HistoryService
    from core.contacts.repository import ContactRepository
    from core.contacts.service import ContactService
    from core.contacts.transfer import ContactTransfer
    from core.pagination import CursorCodec
    from functions.api.social_wiring import SocialServices


class ApiSettings(SigningFunctionSettings):
    users_table: str = Field(alias="USERS_TABLE", min_length=1)
    refresh_sessions_table: str = Field(alias="REFRESH_SESSIONS_TABLE", min_length=1)
    argon2_time_cost: int = Field(default=3, alias="ARGON2_TIME_COST", ge=1)
    argon2_memory_cost_kib: int = Field(default=65536, alias="ARGON2_MEMORY_COST_KIB", ge=8)
    books_table: str = Field(alias="BOOKS_TABLE", min_length=1)
    contacts_table: str = Field(alias="CONTACTS_TABLE", min_length=1)
    contact_terms_table: str = Field(alias="CONTACT_TERMS_TABLE", min_length=1)
    contact_history_table: str = Field(alias="CONTACT_HISTORY_TABLE", min_length=1)
    idempotency_table: str = Field(alias="IDEMPOTENCY_TABLE", min_length=1)
    user_terms_table: str = Field(alias="USER_TERMS_TABLE", min_length=1)
    connection_requests_table: str = Field(alias="CONNECTION_REQUESTS_TABLE", min_length=1)
    user_connections_table: str = Field(alias="USER_CONNECTIONS_TABLE", min_length=1)
    notifications_table: str = Field(alias="NOTIFICATIONS_TABLE", min_length=1)
    presence_table: str = Field(alias="PRESENCE_TABLE", min_length=1)
    login_attempts_table: str = Field(alias="LOGIN_ATTEMPTS_TABLE", min_length=1)
    import_write_parallelism: int = Field(default=4, alias="IMPORT_WRITE_PARALLELISM", ge=1)
    """Write batches an import runs at a time (1 under moto, which is not thread-safe)."""


@dataclass(frozen=True)
class ApiServices:
    settings: ApiSettings
    auth: AuthService
    profiles: ProfileService
    books: BookService
    contacts: ContactService
    contact_transfer: ContactTransfer
    contact_history: HistoryService
    cursors: CursorCodec
    users: UserRepository

    @cached_property
    def idempotent_creates(self) -> IdempotentCreates:
        """Built on the first request with an ``Idempotency-Key`` (Powertools is slow to import)."""
        from core.adapters.idempotency import IdempotentCreates

        return IdempotentCreates(self.settings.table_location(self.settings.idempotency_table))

    @cached_property
    def social(self) -> SocialServices:
        """The social graph's services, built on first use (``social_wiring``)."""
        from functions.api.social_wiring import social_services

        return social_services(self.settings, self.users, self.books)


@cache
def services() -> ApiServices:
    from core.adapters.secrets import signing_secret
    from core.contact_history.service import HistoryService
    from core.pagination import CursorCodec

    settings = load_settings(ApiSettings, os.environ)
    secret = signing_secret(settings)
    books = _books(settings)
    auth, profiles, users = _accounts(settings, secret, books)
    history = _history_store(settings)
    contacts, transfer, store = _contacts(settings, books, history)
    return ApiServices(
        settings=settings,
        auth=auth,
        profiles=profiles,
        books=books,
        contacts=contacts,
        contact_transfer=transfer,
        contact_history=HistoryService(books, history, store),
        cursors=CursorCodec(secret),
        users=users,
    )


def _books(settings: ApiSettings) -> BookService:
    from core.books.repository import BookRepository
    from core.books.service import BookService

    return BookService(BookRepository(settings.table_location(settings.books_table)))


def _accounts(
    settings: ApiSettings, secret: bytes, books: BookService
) -> tuple[AuthService, ProfileService, UserRepository]:
    from core.accounts.repository import UserRepository
    from core.accounts.service import ProfileService
    from core.auth.passwords import Argon2Parameters, PasswordHasher
    from core.auth.repository import RefreshSessionRepository
    from core.auth.service import AuthService
    from core.auth.tokens import AccessTokens
    from core.login_attempts.repository import LoginAttemptRepository
    from core.login_attempts.service import LoginGuard

    location = settings.table_location
    users = UserRepository(location(settings.users_table), location(settings.user_terms_table))
    sessions = RefreshSessionRepository(settings.table_location(settings.refresh_sessions_table))
    hasher = PasswordHasher(
        Argon2Parameters(
            time_cost=settings.argon2_time_cost,
            memory_cost_kib=settings.argon2_memory_cost_kib,
            parallelism=1,
        )
    )
    attempts = LoginAttemptRepository(settings.table_location(settings.login_attempts_table))
    auth = AuthService(
        users,
        sessions,
        hasher,
        AccessTokens(secret),
        personal_books=books,
        guard=LoginGuard(attempts),
    )
    return auth, ProfileService(users), users


def _history_store(settings: ApiSettings) -> ContactHistoryRepository:
    from core.contact_history.repository import ContactHistoryRepository

    return ContactHistoryRepository(settings.table_location(settings.contact_history_table))


def _contacts(
    settings: ApiSettings, books: BookService, history: ContactHistoryRepository
) -> tuple[ContactService, ContactTransfer, ContactRepository]:
    from core.contacts.repository import ContactRepository
    from core.contacts.service import ContactService
    from core.contacts.transfer import ContactTransfer

    store = ContactRepository(
        settings.table_location(settings.contacts_table),
        settings.table_location(settings.contact_terms_table),
        deletion_notes=history,
        batch_parallelism=settings.import_write_parallelism,
        guards=settings.table_location(settings.idempotency_table),
    )
    contacts = ContactService(books, store)
    return contacts, ContactTransfer(books, contacts, store), store

"""Builds the REST function's dependencies once per cold start, on first use.

Imports of PynamoDB, argon2 and the JWT library happen here, not when ``app.py`` loads,
so functions that never serve a REST request never pay for them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, SigningSecretSettings, load_settings

if TYPE_CHECKING:
    from core.accounts.service import ProfileService
    from core.adapters.idempotency import IdempotentCreates
    from core.auth.service import AuthService
    from core.books.service import BookService
    from core.contact_history.service import HistoryService
    from core.contacts.service import ContactService
    from core.contacts.transfer import ContactTransfer
    from core.pagination import CursorCodec
    from core.storage import TableLocation


class ApiSettings(FunctionSettings, SigningSecretSettings):
    users_table: str = Field(alias="USERS_TABLE", min_length=1)
    refresh_sessions_table: str = Field(alias="REFRESH_SESSIONS_TABLE", min_length=1)
    argon2_time_cost: int = Field(default=3, alias="ARGON2_TIME_COST", ge=1)
    argon2_memory_cost_kib: int = Field(default=65536, alias="ARGON2_MEMORY_COST_KIB", ge=8)
    books_table: str = Field(alias="BOOKS_TABLE", min_length=1)
    contacts_table: str = Field(alias="CONTACTS_TABLE", min_length=1)
    contact_terms_table: str = Field(alias="CONTACT_TERMS_TABLE", min_length=1)
    contact_history_table: str = Field(alias="CONTACT_HISTORY_TABLE", min_length=1)
    idempotency_table: str = Field(alias="IDEMPOTENCY_TABLE", min_length=1)
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

    @cached_property
    def idempotent_creates(self) -> IdempotentCreates:
        """Built on the first request with an ``Idempotency-Key`` (Powertools is slow to import)."""
        from core.adapters.idempotency import IdempotentCreates

        return IdempotentCreates(_location(self.settings, self.settings.idempotency_table))


def _location(settings: ApiSettings, table_name: str) -> TableLocation:
    from core.storage import TableLocation

    return TableLocation(table_name, settings.region, settings.dynamodb_endpoint_url)


@cache
def services() -> ApiServices:
    from core.accounts.repository import UserRepository
    from core.accounts.service import ProfileService
    from core.adapters.secrets import load_signing_secret
    from core.auth.passwords import Argon2Parameters, PasswordHasher
    from core.auth.repository import RefreshSessionRepository
    from core.auth.service import AuthService
    from core.auth.tokens import AccessTokens
    from core.books.repository import BookRepository
    from core.books.service import BookService
    from core.contact_history.repository import ContactHistoryRepository
    from core.contact_history.service import HistoryService
    from core.contacts.repository import ContactRepository
    from core.contacts.service import ContactService
    from core.contacts.transfer import ContactTransfer
    from core.login_attempts.repository import LoginAttemptRepository
    from core.login_attempts.service import LoginGuard
    from core.pagination import CursorCodec

    settings = load_settings(ApiSettings, os.environ)

    def location(name: str) -> TableLocation:
        return _location(settings, name)

    users = UserRepository(location(settings.users_table))
    hasher = PasswordHasher(
        Argon2Parameters(
            time_cost=settings.argon2_time_cost,
            memory_cost_kib=settings.argon2_memory_cost_kib,
            parallelism=1,
        )
    )
    secret = load_signing_secret(settings, settings.region)
    tokens = AccessTokens(secret)
    books = BookService(BookRepository(location(settings.books_table)))
    auth = AuthService(
        users,
        RefreshSessionRepository(location(settings.refresh_sessions_table)),
        hasher,
        tokens,
        personal_books=books,
        guard=LoginGuard(LoginAttemptRepository(location(settings.login_attempts_table))),
    )
    contact_store = ContactRepository(
        location(settings.contacts_table),
        location(settings.contact_terms_table),
        location(settings.contact_history_table),
        batch_parallelism=settings.import_write_parallelism,
        guards=location(settings.idempotency_table),
    )
    contacts = ContactService(books, contact_store)
    history = ContactHistoryRepository(location(settings.contact_history_table))
    return ApiServices(
        settings=settings,
        auth=auth,
        profiles=ProfileService(users),
        books=books,
        contacts=contacts,
        contact_transfer=ContactTransfer(books, contacts, contact_store),
        contact_history=HistoryService(books, history, contact_store),
        cursors=CursorCodec(secret),
    )

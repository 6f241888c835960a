"""Builds the REST function's dependencies once per cold start, on first use.

Imports of PynamoDB, argon2 and the JWT library happen here, not when ``app.py`` loads,
so functions that never serve a REST request never pay for them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, SigningSecretSettings, load_settings

if TYPE_CHECKING:
    from core.accounts.service import ProfileService
    from core.auth.service import AuthService
    from core.storage import TableLocation


class ApiSettings(FunctionSettings, SigningSecretSettings):
    users_table: str = Field(alias="USERS_TABLE", min_length=1)
    refresh_sessions_table: str = Field(alias="REFRESH_SESSIONS_TABLE", min_length=1)
    argon2_time_cost: int = Field(default=3, alias="ARGON2_TIME_COST", ge=1)
    argon2_memory_cost_kib: int = Field(default=65536, alias="ARGON2_MEMORY_COST_KIB", ge=8)


@dataclass(frozen=True)
class ApiServices:
    settings: ApiSettings
    auth: AuthService
    profiles: ProfileService

    def location(self, table_name: str) -> TableLocation:
        from core.storage import TableLocation

        return TableLocation(table_name, self.settings.region, self.settings.dynamodb_endpoint_url)


@cache
def services() -> ApiServices:
    from core.accounts.repository import UserRepository
    from core.accounts.service import ProfileService
    from core.adapters.secrets import load_signing_secret
    from core.auth.passwords import Argon2Parameters, PasswordHasher
    from core.auth.service import AuthService
    from core.auth.sessions import RefreshSessionRepository
    from core.auth.tokens import AccessTokens
    from core.storage import TableLocation

    settings = load_settings(ApiSettings, os.environ)

    def location(name: str) -> TableLocation:
        return TableLocation(name, settings.region, settings.dynamodb_endpoint_url)

    users = UserRepository(location(settings.users_table))
    hasher = PasswordHasher(
        Argon2Parameters(
            time_cost=settings.argon2_time_cost,
            memory_cost_kib=settings.argon2_memory_cost_kib,
            parallelism=1,
        )
    )
    tokens = AccessTokens(load_signing_secret(settings, settings.region))
    auth = AuthService(
        users, RefreshSessionRepository(location(settings.refresh_sessions_table)), hasher, tokens
    )
    return ApiServices(settings=settings, auth=auth, profiles=ProfileService(users))

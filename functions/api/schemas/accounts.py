from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from core.accounts import rules
from core.accounts.models import User
from core.emails import EMAIL_SCHEMA, check_email
from core.text import Line, Name, Paragraphs
from functions.api.schemas.common import StrictModel, Timestamp

Phone = Annotated[
    str,
    Field(max_length=rules.PHONE_MAX_LENGTH, json_schema_extra={"pattern": rules.PHONE_PATTERN}),
]


class RegisterRequest(StrictModel):
    username: str = Field(
        description="3-30 characters of a-z, 0-9, '_' and '.'; unique, case-insensitively",
        json_schema_extra={"pattern": rules.USERNAME_PATTERN},
    )
    email: str = Field(max_length=320, json_schema_extra=EMAIL_SCHEMA)
    password: str = Field(
        min_length=rules.PASSWORD_MIN_LENGTH, max_length=rules.PASSWORD_MAX_LENGTH
    )
    full_name: Name | None = Field(default=None, max_length=200)
    company: Line | None = Field(default=None, max_length=200)
    phone: Phone | None = None

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        rules.check_username(value)
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return check_email(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_phone(value)


class LoginRequest(StrictModel):
    username: str = Field(min_length=1, max_length=320, description="The username or the email")
    password: str = Field(min_length=1, max_length=rules.PASSWORD_MAX_LENGTH)


class RefreshRequest(StrictModel):
    refresh_token: str = Field(min_length=1, max_length=512)


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"
    expires_in: int = Field(description="Seconds until the access token expires")


class ProfilePatch(StrictModel):
    """Only the fields sent change; ``null`` clears a field."""

    full_name: Name | None = Field(default=None, max_length=200)
    company: Line | None = Field(default=None, max_length=200)
    phone: Phone | None = None
    bio: Paragraphs | None = Field(default=None, max_length=2000)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_phone(value)


class UserProfile(BaseModel):
    """The caller's own, full profile."""

    id: str
    username: str
    email: str
    full_name: str | None
    company: str | None
    phone: str | None
    bio: str | None
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def of(cls, user: User) -> UserProfile:
        return cls.model_validate(user, from_attributes=True)

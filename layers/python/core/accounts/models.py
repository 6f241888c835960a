from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PROFILE_FIELDS = ("full_name", "company", "phone", "bio")
"""What a user may change of their own profile."""


@dataclass(frozen=True)
class User:
    id: str
    username: str
    email: str
    full_name: str | None
    company: str | None
    phone: str | None
    bio: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Registration:
    """A validated request to open an account (the password still in clear)."""

    username: str
    email: str
    password: str
    full_name: str | None = None
    company: str | None = None
    phone: str | None = None

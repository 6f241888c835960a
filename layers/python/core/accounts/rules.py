"""Pure rules for account fields. Each returns the normalised value or raises ``ValueError``
with a sentence a client can show; the API layer names the field."""

from __future__ import annotations

import re

USERNAME_PATTERN = r"^[A-Za-z0-9_.]{3,30}$"
"""As typed (declared in OpenAPI); unique case-insensitively."""
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 256
PHONE_PATTERN = r"^\+?[ ().-]*(?:[0-9][ ().-]*){5,32}$"
"""Digits (at least 5), spaces, ``+ ( ) . -``; at most 32 characters (declared in OpenAPI)."""
PHONE_MAX_LENGTH = 32


def username_key(username: str) -> str:
    """The case-insensitive form under which usernames are unique."""
    return username.strip().lower()


def check_username(username: str) -> str:
    if not re.fullmatch(USERNAME_PATTERN, username.strip()):
        raise ValueError("must be 3-30 characters of a-z, 0-9, '_' and '.'")
    return username_key(username)


def email_key(email: str) -> str:
    return email.strip().lower()


def check_phone(phone: str) -> str:
    value = phone.strip()
    if len(value) > PHONE_MAX_LENGTH or not re.fullmatch(PHONE_PATTERN, value):
        raise ValueError("must be a phone number of digits, spaces, '+', '(', ')', '.' or '-'")
    return value

"""Pure rules for account fields. Each returns the normalised value or raises ``ValueError``
with a sentence a client can show; the API layer names the field."""

from __future__ import annotations

import re

USERNAME_PATTERN = re.compile(r"^[a-z0-9_.]{3,30}$")
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 256
PHONE_PATTERN = re.compile(r"^\+?[0-9 ().-]{5,32}$")


def username_key(username: str) -> str:
    """The case-insensitive form under which usernames are unique."""
    return username.strip().lower()


def check_username(username: str) -> str:
    key = username_key(username)
    if not USERNAME_PATTERN.fullmatch(key):
        raise ValueError("must be 3-30 characters of a-z, 0-9, '_' and '.'")
    return key


def email_key(email: str) -> str:
    return email.strip().lower()


def check_phone(phone: str) -> str:
    value = phone.strip()
    if not PHONE_PATTERN.fullmatch(value) or sum(c.isdigit() for c in value) < 5:
        raise ValueError("must be a phone number of digits, spaces, '+', '(', ')', '.' or '-'")
    return value

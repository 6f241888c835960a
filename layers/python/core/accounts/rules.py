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


def check_password(password: str) -> str:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValueError(f"must be at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValueError(f"must be at most {PASSWORD_MAX_LENGTH} characters")
    return password


def check_phone(phone: str) -> str:
    value = phone.strip()
    if not PHONE_PATTERN.fullmatch(value) or sum(c.isdigit() for c in value) < 5:
        raise ValueError("must be a phone number of digits, spaces, '+', '(', ')', '.' or '-'")
    return value


def phone_key(phone: str) -> str:
    """Digits only (with a leading + kept), so formatting does not defeat exact matching."""
    digits = "".join(c for c in phone if c.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits

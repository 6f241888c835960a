"""Email addresses, checked the same way for accounts and contacts."""

from __future__ import annotations

from typing import Any

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


EMAIL_SCHEMA: dict[str, Any] = {
    "format": "email",
    "not": {
        "pattern": "@(?:[^@]*\\.)?(?:"
        + "|".join(_any_case(name) for name in SPECIAL_USE_DOMAIN_NAMES)
        + ")$"
    },
    "description": "An email address; special-use domains (.test, .localhost, ...) are refused",
}
"""What ``check_email`` accepts, as far as JSON Schema can say it (declared in OpenAPI)."""


def check_email(address: str) -> str:
    """The normalised address, or ``ValueError`` with a sentence a client can show. No DNS."""
    try:
        result = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"is not a valid email address ({error})") from None
    return result.normalized

"""Email addresses, checked the same way for accounts and contacts."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def check_email(address: str) -> str:
    """The normalised address, or ``ValueError`` with a sentence a client can show. No DNS."""
    try:
        result = validate_email(address.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"is not a valid email address ({error})") from None
    return result.normalized

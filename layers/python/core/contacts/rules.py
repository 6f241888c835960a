"""Pure rules for contact fields and edits. Checks return the normalised value or raise
``ValueError`` with a sentence a client can show; the caller names the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

MAX_PHONES = 10
MAX_EMAILS = 10
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 10_000
_BIRTHDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})$")


PHONE_PATTERN = r"^\+[ ().-]*(?:[0-9][ ().-]*){7,15}$"
"""An international number: ``+``, then 7-15 digits (E.164's most) with spaces, dots,
dashes or parentheses between them (declared in OpenAPI)."""
BIRTHDAY_SCHEMA = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {
            "type": "string",
            "pattern": "^--(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-9])"
            "|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)$",
        },
    ],
    "description": "A real date, YYYY-MM-DD, or --MM-DD without the year",
}


def check_phone(number: str) -> str:
    """An international number (``PHONE_PATTERN``); returned as entered, trimmed."""
    value = number.strip()
    if not re.fullmatch(PHONE_PATTERN, value):
        raise ValueError("must be an international phone number, e.g. +44 20 7946 0000")
    return value


def check_birthday(text: str) -> str:
    """``YYYY-MM-DD`` (a real date) or ``--MM-DD`` (no year); basic forms
    (``YYYYMMDD``, ``--MMDD``) are accepted and returned in extended form."""
    found = _BIRTHDAY.fullmatch(text.strip())
    if found is None:
        raise ValueError("must be a date as YYYY-MM-DD, or --MM-DD without the year")
    year, month, day = found.groups()
    try:
        date(int(year or 2000), int(month), int(day))  # 2000 is a leap year: --02-29 is fine
    except ValueError:
        raise ValueError("is not a real date") from None
    return f"{year}-{month}-{day}" if year else f"--{month}-{day}"


def check_tags(tags: list[str]) -> list[str]:
    """Trimmed, non-empty, without case-insensitive repeats (the first spelling wins)."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return kept


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON merge patch: objects merge recursively, ``null`` removes, anything
    else (arrays included) replaces."""
    if not isinstance(patch, Mapping):
        return patch
    merged = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged

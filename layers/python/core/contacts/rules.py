"""Pure rules for contact fields and edits. Checks return the normalised value or raise
``ValueError`` with a sentence a client can show; the caller names the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import phonenumbers

MAX_PHONES = 10
MAX_EMAILS = 10
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 10_000
_BIRTHDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})$")


def check_phone(number: str) -> str:
    """An international number (``+`` and country code) that ``phonenumbers`` can parse and
    that has a possible length; returned as entered, trimmed."""
    value = number.strip()
    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ValueError("must be an international phone number, e.g. +44 20 7946 0000") from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValueError("is not a possible phone number (wrong length for its country)")
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

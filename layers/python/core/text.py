"""Which characters free text may hold (pure). Names must show something: not only spaces or
invisible characters. No text may hold control characters (NUL included) or the bidi
overrides and isolates that make text display in another order than it is stored (the
"Trojan Source" trick). Notes and bios may break lines.

Each rule is one regular expression, declared as the field's ``pattern`` in the OpenAPI
document and checked with exactly that expression, so the document and the server agree."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_LINE_BREAKS = "\t\n\r"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = (
    " \t\n\r\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f"
    "\u2000-\u200f\u2028\u2029\u202f\u205f-\u2065\u206a-\u206f\u3000\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0"
)
LINE_PATTERN = f"^[^{_CONTROL}{_LINE_BREAKS}{_BIDI}]*$"
PARAGRAPHS_PATTERN = f"^[^{_CONTROL}{_BIDI}]*$"
NAME_PATTERN = (
    f"^[^{_CONTROL}{_LINE_BREAKS}{_BIDI}]*"
    f"[^{_CONTROL}{_LINE_BREAKS}{_BIDI}{_INVISIBLE}]"
    f"[^{_CONTROL}{_LINE_BREAKS}{_BIDI}]*$"
)
_LINE, _PARAGRAPHS, _NAME = (
    re.compile(p) for p in (LINE_PATTERN, PARAGRAPHS_PATTERN, NAME_PATTERN)
)


def check_line(value: str) -> str:
    if not _LINE.fullmatch(value):
        raise ValueError("must not hold line breaks, control characters or bidi overrides")
    return value


def check_paragraphs(value: str) -> str:
    if not _PARAGRAPHS.fullmatch(value):
        raise ValueError("must not hold control characters or bidi overrides")
    return value


def check_name(value: str) -> str:
    check_line(value)
    if not _NAME.fullmatch(value):
        raise ValueError("must hold a visible character, not only spaces or invisible ones")
    return value


SEARCHABLE_PATTERN = r"[^\W_]"
"""What a search text must hold: a letter or a digit (anywhere)."""


def check_searchable(value: str) -> str:
    if re.search(SEARCHABLE_PATTERN, value) is None:
        raise ValueError("must hold a letter or a digit")
    return value


def _documented(pattern: str) -> Any:
    return Field(json_schema_extra={"pattern": pattern})


Line = Annotated[str, AfterValidator(check_line), _documented(LINE_PATTERN)]
"""One line of text: a company, a title, a label, an address field."""
Paragraphs = Annotated[str, AfterValidator(check_paragraphs), _documented(PARAGRAPHS_PATTERN)]
"""Text that may break lines: notes, a bio."""
Name = Annotated[str, AfterValidator(check_name), _documented(NAME_PATTERN)]
"""A name people see (a contact, a book, a person, a tag): one line, something visible."""
SearchText = Annotated[str, AfterValidator(check_searchable), _documented(SEARCHABLE_PATTERN)]
"""A search text: spaces or invisible characters alone would match everything."""

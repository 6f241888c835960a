"""``ETag`` and ``If-Match`` for versioned resources: the ETag is the quoted version."""

from __future__ import annotations

import re
from collections.abc import Mapping

from core.errors import BadRequest

IF_MATCH = "If-Match"
_TAG = r'(?:W/)?"[!#-~]*"'
IF_MATCH_PATTERN = rf"^(?:\*|{_TAG}(?:[ \t]*,[ \t]*{_TAG})*)$"
"""RFC 9110's ``If-Match`` syntax: ``*`` or a list of entity tags (declared in OpenAPI)."""


def etag(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def expected_versions(headers: Mapping[str, str]) -> frozenset[int] | None:
    """The versions ``If-Match`` accepts; ``None`` without the header or for ``*``. Weak or
    other tags match nothing (strong comparison), so they end in a 412; a value that is not
    an entity-tag list at all (empty, unquoted) is a 400."""
    value = headers.get("if-match")
    if value is None:
        return None
    value = value.strip()
    if not re.fullmatch(IF_MATCH_PATTERN, value):
        raise BadRequest(
            'If-Match must be "*" or entity tags such as "3" (the ETag you read).',
            code="invalid_if_match",
        )
    if value == "*":
        return None
    versions = set()
    for tag in value.split(","):
        tag = tag.strip()
        digits = tag[1:-1] if len(tag) > 2 and tag[0] == tag[-1] == '"' else ""
        if digits.isascii() and digits.isdigit() and len(digits) < 19:
            versions.add(int(digits))
    return frozenset(versions)

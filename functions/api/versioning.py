"""``ETag`` and ``If-Match`` for versioned resources: the ETag is the quoted version."""

from __future__ import annotations

from collections.abc import Mapping

IF_MATCH = "If-Match"


def etag(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def expected_versions(headers: Mapping[str, str]) -> frozenset[int] | None:
    """The versions ``If-Match`` accepts; ``None`` without the header or for ``*``. Weak or
    malformed tags match nothing (strong comparison), so they end in a 412."""
    value = headers.get("if-match")
    if value is None or value.strip() == "*":
        return None
    versions = set()
    for tag in value.split(","):
        tag = tag.strip()
        digits = tag[1:-1] if len(tag) > 2 and tag[0] == tag[-1] == '"' else ""
        if digits.isascii() and digits.isdigit() and len(digits) < 19:
            versions.add(int(digits))
    return frozenset(versions)

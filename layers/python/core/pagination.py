"""Opaque, tamper-evident list cursors, reusable by every list.

A cursor carries a position (string keys and values, e.g. the last key a Query returned),
signed with HMAC-SHA256 under a key derived from the signing secret. The signature also
covers a *binding*: who asked and for what (caller, route, filters), so a cursor is only
good for the caller and query that produced it. Anything else is a ``BadRequest``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.errors import BadRequest

T = TypeVar("T")
Position = dict[str, str]

MAX_CURSOR_LENGTH = 2048
_VERSION = "1"


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next: Position | None = None
    """Where the next page starts; ``None`` on the last page."""

    @classmethod
    def after(cls, items: list[T], key: str, last: str | None) -> Page[T]:
        """A page that goes on after ``last`` (``None``: the last page), as ``{key: last}``."""
        return cls(items, None if last is None else {key: last})


def start_of(at: Position | None, key: str) -> str | None:
    """What a position from ``Page.after`` says the page starts after (``None``: the start)."""
    return None if at is None else at.get(key)


def derive_key(secret: bytes, purpose: str) -> bytes:
    """A key for one purpose, so cursors and tokens never share a key."""
    return hmac.new(secret, f"addressbook/{purpose}".encode(), hashlib.sha256).digest()


def binding_of(*parts: str | int | bool | None) -> str:
    """A binding string from the caller, route and filters (``None`` and ``""`` differ)."""
    return json.dumps(list(parts), separators=(",", ":"))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class CursorCodec:
    def __init__(self, secret: bytes) -> None:
        self._key = derive_key(secret, "cursor")

    def _signature(self, payload: bytes, binding: str) -> bytes:
        message = _VERSION.encode() + b"\0" + binding.encode() + b"\0" + payload
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def encode(self, position: Mapping[str, str], binding: str) -> str:
        payload = json.dumps(dict(position), separators=(",", ":"), sort_keys=True).encode()
        return f"{_b64(payload)}.{_b64(self._signature(payload, binding))}"

    def decode(self, cursor: str, binding: str) -> Position:
        """The position in ``cursor``; ``BadRequest`` (``invalid_cursor``) if it is malformed,
        forged, tampered with, or was issued for another caller or query."""
        invalid = BadRequest("The cursor is not valid for this list.", code="invalid_cursor")
        if not cursor or len(cursor) > MAX_CURSOR_LENGTH or cursor.count(".") != 1:
            raise invalid
        payload_text, signature_text = cursor.split(".")
        try:
            payload = _unb64(payload_text)
            signature = _unb64(signature_text)
        except (binascii.Error, ValueError):
            raise invalid from None
        if _b64(payload) != payload_text or _b64(signature) != signature_text:
            raise invalid  # only the canonical spelling of a cursor is accepted
        if not hmac.compare_digest(signature, self._signature(payload, binding)):
            raise invalid
        try:
            position = json.loads(payload)
        except ValueError:  # pragma: no cover - we signed it, so it is our JSON
            raise invalid from None
        if not isinstance(position, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in position.items()
        ):
            raise invalid  # pragma: no cover - as above
        return position

    def encode_page_end(self, page: Page[T], binding: str) -> str | None:
        return None if page.next is None else self.encode(page.next, binding)

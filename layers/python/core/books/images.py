"""Book members from stream images of the ``books`` table: how the member events and the
activity consumer read a change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.books.items import MEMBER, MemberItem, to_member
from core.books.models import Member


def member_from_image(image: Mapping[str, Any]) -> Member | None:
    """The member of a stream image of the ``books`` table; ``None`` for a book item."""
    if not str(image.get("sk", {}).get("S", "")).startswith(MEMBER):
        return None
    for name in ("book_id", "member_user_id", "role", "added_at"):
        if name not in image:
            raise ValueError(f"not a book member image: no {name}")
    return to_member(MemberItem.from_raw_data(dict(image)))

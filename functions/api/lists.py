"""Signed cursors for list routes: a page's ``next_cursor`` is only good for the caller and
query (route and filters) that produced it; anything else is a 400 ``invalid_cursor``."""

from __future__ import annotations

from typing import TypeVar

from core.pagination import Page, Position, binding_of
from functions.api.wiring import services

T = TypeVar("T")


def position_of(cursor: str | None, *binding: str | int | None) -> Position | None:
    """Where the page asked for starts (``None``: at the beginning)."""
    if cursor is None:
        return None
    return services().cursors.decode(cursor, binding_of(*binding))


def next_cursor(page: Page[T], *binding: str | int | None) -> str | None:
    return services().cursors.encode_page_end(page, binding_of(*binding))

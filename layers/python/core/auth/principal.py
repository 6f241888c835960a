from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """Who an authenticated request speaks for."""

    user_id: str
    username: str

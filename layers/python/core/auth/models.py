"""Refresh sessions and the token pairs handed to clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RefreshSession:
    """A token family: one refresh token at a time, rotated on every use.

    A refresh token is ``<session_id>.<secret>``; only a hash of the current secret is kept.
    """

    session_id: str
    user_id: str
    secret_hash: str
    revoked: bool
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "Bearer"

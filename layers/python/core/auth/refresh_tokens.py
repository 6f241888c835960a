"""Refresh tokens (pure): ``<session_id>.<secret>``, of which only a hash of the secret is
ever stored, and the session a new one starts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from core.auth.models import RefreshSession
from core.ids import new_id

REFRESH_TOKEN_TTL = timedelta(days=30)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(presented_hash: str, stored_hash: str) -> bool:
    return hmac.compare_digest(presented_hash, stored_hash)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def refresh_token_of(session_id: str, secret: str) -> str:
    return f"{session_id}.{secret}"


def split_refresh_token(token: str) -> tuple[str, str] | None:
    """``(session_id, secret)`` of a well-formed refresh token, else ``None``."""
    session_id, dot, secret = token.partition(".")
    if not dot or not session_id.startswith("rs_") or len(secret) < 20:
        return None
    return session_id, secret


def new_session(user_id: str, secret: str, now: datetime) -> RefreshSession:
    return RefreshSession(
        session_id=new_id("rs"),
        user_id=user_id,
        secret_hash=hash_secret(secret),
        revoked=False,
        created_at=now,
        expires_at=now + REFRESH_TOKEN_TTL,
    )

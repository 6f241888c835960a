"""Access tokens: HS256 JWTs, verified with the algorithm pinned (``alg: none`` never passes)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import jwt

from core.auth.principal import Principal
from core.errors import Unauthenticated

ALGORITHM = "HS256"
ISSUER = "addressbook"
ACCESS_TOKEN_TTL = timedelta(minutes=15)


class AccessTokens:
    def __init__(self, secret: bytes, ttl: timedelta = ACCESS_TOKEN_TTL) -> None:
        if len(secret) < 32:
            raise ValueError("the token signing secret must be at least 32 bytes")
        self._secret = secret
        self.ttl = ttl

    def issue(self, principal: Principal, now: datetime) -> str:
        claims = {
            "iss": ISSUER,
            "sub": principal.user_id,
            "username": principal.username,
            "iat": int(now.timestamp()),
            "exp": int((now + self.ttl).timestamp()),
            "jti": uuid.uuid4().hex,
            "typ": "access",
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str) -> Principal:
        """The token's principal; ``Unauthenticated`` if forged, expired or malformed."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The access token has expired.", code="token_expired") from None
        except jwt.PyJWTError:
            raise Unauthenticated("The access token is not valid.", code="invalid_token") from None
        if claims.get("typ") != "access" or not isinstance(claims.get("username"), str):
            raise Unauthenticated("The access token is not valid.", code="invalid_token")
        return Principal(user_id=str(claims["sub"]), username=claims["username"])

"""The Chalice TOKEN authorizer in front of every route but register, login, refresh and docs."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from chalice.app import AuthRequest, AuthResponse, Blueprint

if TYPE_CHECKING:
    from core.auth.tokens import AccessTokens

authorizer_blueprint = Blueprint(__name__)


@cache
def _access_tokens() -> AccessTokens:
    import os

    from core.adapters.secrets import signing_secret
    from core.auth.tokens import AccessTokens
    from core.settings import SigningFunctionSettings, load_settings

    return AccessTokens(signing_secret(load_settings(SigningFunctionSettings, os.environ)))


@authorizer_blueprint.authorizer(ttl_seconds=0)
def jwt_authorizer(auth_request: AuthRequest) -> AuthResponse:
    """Allow a valid ``Bearer`` access token; anything else is API Gateway's 401."""
    from core.errors import Unauthenticated

    scheme, _, token = (auth_request.token or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Exception("Unauthorized")  # API Gateway turns exactly this message into a 401
    try:
        principal = _access_tokens().verify(token.strip())
    except Unauthenticated:
        raise Exception("Unauthorized") from None
    return AuthResponse(
        routes=["*"],
        principal_id=principal.user_id,
        context={"user_id": principal.user_id, "username": principal.username},
    )

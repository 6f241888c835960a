"""``/auth/*`` and ``/me``: registration, login, token refresh, logout, one's own profile."""

from __future__ import annotations

from core.accounts.models import Registration
from core.auth.principal import Principal
from functions.api.routing import ApiRoutes, RequestMeta
from functions.api.schemas.accounts import (
    LoginRequest,
    ProfilePatch,
    RefreshRequest,
    RegisterRequest,
    TokenResponse,
    UserProfile,
)
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="accounts")


@routes.route(
    "POST",
    "/auth/register",
    summary="Open an account",
    status=201,
    public=True,
    body=RegisterRequest,
    response=UserProfile,
    errors=(400, 409, 422),
    idempotent=True,
)
def register(body: RegisterRequest) -> UserProfile:
    registration = Registration(**body.model_dump())
    return UserProfile.of(services().auth.register(registration))


@routes.route(
    "POST",
    "/auth/login",
    summary="Exchange a username (or email) and password for tokens",
    public=True,
    body=LoginRequest,
    response=TokenResponse,
    errors=(400, 401, 422, 429),
)
def login(body: LoginRequest, request: RequestMeta) -> TokenResponse:
    pair = services().auth.login(body.username, body.password, request.source_ip)
    return TokenResponse(**pair.__dict__)


@routes.route(
    "POST",
    "/auth/refresh",
    summary="Rotate a refresh token into a new token pair",
    public=True,
    body=RefreshRequest,
    response=TokenResponse,
    errors=(400, 401, 422),
)
def refresh(body: RefreshRequest) -> TokenResponse:
    pair = services().auth.refresh(body.refresh_token)
    return TokenResponse(**pair.__dict__)


@routes.route(
    "POST", "/auth/logout", summary="End every session of the caller", status=204, errors=(401,)
)
def logout(principal: Principal) -> None:
    services().auth.logout(principal.user_id)


@routes.route(
    "GET", "/me", summary="The caller's full profile", response=UserProfile, errors=(401, 404)
)
def my_profile(principal: Principal) -> UserProfile:
    return UserProfile.of(services().profiles.profile(principal.user_id))


@routes.route(
    "PATCH",
    "/me",
    summary="Change the caller's profile",
    body=ProfilePatch,
    response=UserProfile,
    errors=(400, 401, 422),
)
def update_my_profile(principal: Principal, body: ProfilePatch) -> UserProfile:
    changes = body.model_dump(exclude_unset=True)
    return UserProfile.of(services().profiles.update(principal.user_id, changes))

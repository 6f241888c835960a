"""The account routes, invoked through the real Chalice app with real-shaped events."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts_api import register
from tests.support.events import LambdaContext, response_json, rest_event


def call(app: Any, *args: Any, **kwargs: Any) -> tuple[int, Any, dict[str, Any]]:
    response = app(rest_event(*args, **kwargs), LambdaContext())
    return response["statusCode"], response_json(response), response.get("headers", {})


def test_register_returns_the_new_user_without_secrets(chalice_app):
    user = register(chalice_app, "Ada.L", full_name="Ada Lovelace", phone="+44 20 7946 0000")
    assert user["username"] == "Ada.L"
    assert user["email"] == "Ada.L@example.com"
    assert user["full_name"] == "Ada Lovelace"
    assert user["id"].startswith("usr_")
    assert user["created_at"].endswith("Z")
    assert "password" not in str(user)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "ab"),
        ("username", "has space"),
        ("email", "not-an-email"),
        ("password", "short"),
        ("phone", "call me"),
    ],
)
def test_register_names_the_bad_field(chalice_app, field, value):
    body = {
        "username": "grace",
        "email": "grace@example.com",
        "password": "long enough",
        field: value,
    }
    status, data, _ = call(chalice_app, "POST", "/auth/register", body=body)
    assert status == 422
    assert data["error"]["code"] == "validation_failed"
    assert [d["field"] for d in data["error"]["details"]] == [field]


def test_register_rejects_unknown_fields_and_bad_json(chalice_app):
    status, data, _ = call(chalice_app, "POST", "/auth/register", body='{"username": ')
    assert (status, data["error"]["code"]) == (400, "invalid_json")
    body = {"username": "grace", "email": "g@example.com", "password": "long enough", "admin": True}
    status, data, _ = call(chalice_app, "POST", "/auth/register", body=body)
    assert status == 422
    assert data["error"]["details"][0]["field"] == "admin"


@pytest.mark.parametrize("path", ["/auth/login", "/auth/register", "/auth/refresh"])
def test_json_nested_1000_levels_deep_is_a_400_not_a_crash(chalice_app, path):
    body = '{"username":' + "[" * 1000 + "]" * 1000 + "}"
    status, data, _ = call(chalice_app, "POST", path, body=body)
    assert (status, data["error"]["code"]) == (400, "json_too_deep")


def test_username_and_email_are_unique_case_insensitively(chalice_app):
    register(chalice_app, "ada")
    status, data, _ = call(
        chalice_app,
        "POST",
        "/auth/register",
        body={"username": "ADA", "email": "other@example.com", "password": "x" * 8},
    )
    assert (status, data["error"]["code"]) == (409, "username_taken")
    status, data, _ = call(
        chalice_app,
        "POST",
        "/auth/register",
        body={"username": "other", "email": "ADA@example.com", "password": "x" * 8},
    )
    assert (status, data["error"]["code"]) == (409, "email_taken")


def test_failed_registration_writes_nothing(chalice_app):
    register(chalice_app, "ada")
    call(
        chalice_app,
        "POST",
        "/auth/register",
        body={"username": "ada", "email": "new@example.com", "password": "x" * 8},
    )
    # The email of the refused registration is still free.
    register(chalice_app, "newbie", email="new@example.com")


def login(app: Any, username: str = "ada", password: str = "correct horse") -> dict[str, Any]:
    status, data, _ = call(
        app, "POST", "/auth/login", body={"username": username, "password": password}
    )
    assert status == 200, data
    return data


def test_login_with_username_or_email(chalice_app):
    register(chalice_app, "ada")
    by_name = login(chalice_app, "ada")
    by_email = login(chalice_app, "ADA@example.com")
    assert by_name["token_type"] == "Bearer"
    assert by_name["expires_in"] == 900
    assert by_email["access_token"] != by_name["access_token"]


def test_login_refuses_wrong_password_and_unknown_user_alike(chalice_app):
    register(chalice_app, "ada")
    wrong = call(
        chalice_app, "POST", "/auth/login", body={"username": "ada", "password": "nope nope"}
    )
    unknown = call(
        chalice_app, "POST", "/auth/login", body={"username": "bob", "password": "nope nope"}
    )
    assert wrong[0] == unknown[0] == 401
    assert wrong[1] == unknown[1]


def test_refresh_rotates_and_reuse_revokes_the_family(chalice_app):
    register(chalice_app, "ada")
    first = login(chalice_app)
    status, second, _ = call(
        chalice_app, "POST", "/auth/refresh", body={"refresh_token": first["refresh_token"]}
    )
    assert status == 200
    assert second["refresh_token"] != first["refresh_token"]
    status, data, _ = call(
        chalice_app, "POST", "/auth/refresh", body={"refresh_token": first["refresh_token"]}
    )
    assert (status, data["error"]["code"]) == (401, "refresh_token_reused")
    # The whole family is revoked: the newest token no longer works either.
    status, _, _ = call(
        chalice_app, "POST", "/auth/refresh", body={"refresh_token": second["refresh_token"]}
    )
    assert status == 401


def test_forged_refresh_token_is_401(chalice_app):
    for token in ("garbage", "rs_123.abcdefghijklmnopqrstuvwxyz", ""):
        status, data, _ = call(chalice_app, "POST", "/auth/refresh", body={"refresh_token": token})
        assert status in (401, 422), data


def test_logout_ends_every_session(chalice_app):
    user = register(chalice_app, "ada")
    one, two = login(chalice_app), login(chalice_app)
    status, _, _ = call(chalice_app, "POST", "/auth/logout", principal=user["id"])
    assert status == 204
    for pair in (one, two):
        status, _, _ = call(
            chalice_app, "POST", "/auth/refresh", body={"refresh_token": pair["refresh_token"]}
        )
        assert status == 401


def test_me_and_patch_me(chalice_app):
    user = register(chalice_app, "ada", company="Analytical Engines")
    status, me, _ = call(chalice_app, "GET", "/me", principal=user["id"])
    assert status == 200
    assert me["company"] == "Analytical Engines"
    status, me, _ = call(
        chalice_app,
        "PATCH",
        "/me",
        principal=user["id"],
        body={"bio": "Poet of science", "company": None},
    )
    assert status == 200
    assert (me["bio"], me["company"], me["full_name"]) == ("Poet of science", None, None)
    status, data, _ = call(
        chalice_app, "PATCH", "/me", principal=user["id"], body={"email": "x@y.z"}
    )
    assert (status, data["error"]["details"][0]["field"]) == (422, "email")


def test_register_with_an_idempotency_key_creates_one_user(chalice_app):
    body = {"username": "ada", "email": "ada@example.com", "password": "correct horse"}
    headers = {"Idempotency-Key": "7d5f0c2e-register"}
    first = call(chalice_app, "POST", "/auth/register", body=body, headers=headers)
    again = call(chalice_app, "POST", "/auth/register", body=body, headers=headers)
    assert first[0] == again[0] == 201
    assert first[1] == again[1]
    assert again[2].get("Idempotent-Replayed") == "true"
    # Without the key, the same body is a second attempt: the username is taken.
    status, data, _ = call(chalice_app, "POST", "/auth/register", body=body)
    assert (status, data["error"]["code"]) == (409, "username_taken")


def test_an_idempotency_key_reused_with_another_body_is_a_conflict(chalice_app):
    headers = {"Idempotency-Key": "reused-key"}
    call(
        chalice_app,
        "POST",
        "/auth/register",
        headers=headers,
        body={"username": "ada", "email": "ada@example.com", "password": "correct horse"},
    )
    status, data, _ = call(
        chalice_app,
        "POST",
        "/auth/register",
        headers=headers,
        body={"username": "bob", "email": "bob@example.com", "password": "x" * 8},
    )
    assert (status, data["error"]["code"]) == (409, "idempotency_key_reused")


def test_logout_leaves_other_users_sessions_alone(chalice_app):
    ada = register(chalice_app, "ada")
    register(chalice_app, "bob")
    bobs = login(chalice_app, "bob")
    call(chalice_app, "POST", "/auth/logout", principal=ada["id"])
    status, _, _ = call(
        chalice_app, "POST", "/auth/refresh", body={"refresh_token": bobs["refresh_token"]}
    )
    assert status == 200

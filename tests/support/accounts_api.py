"""Registering users through the real Chalice app, for route tests."""

from __future__ import annotations

from typing import Any

from tests.support.contacts_api import call


def register(app: Any, username: str = "ada", **extra: Any) -> dict[str, Any]:
    """The new user (``extra``: more registration fields, e.g. full_name, phone)."""
    body = {
        "username": username,
        "email": f"{username}@example.com",
        "password": "correct horse",
        **extra,
    }
    status, data, _ = call(app, "POST", "/auth/register", body=body)
    assert status == 201, data
    return dict(data)

"""Users, requests and connections through the real Chalice app, for route tests."""

from __future__ import annotations

from typing import Any

from tests.support.accounts_api import register as register_user
from tests.support.contacts_api import call

REQUESTS = "/connection-requests"


def register(app: Any, username: str, **profile: Any) -> str:
    """A new user's id (``profile``: full_name, company, phone)."""
    return str(register_user(app, username, **profile)["id"])


def send(app: Any, sender: str, recipient: str, message: str | None = None) -> dict[str, Any]:
    body = {"to_user_id": recipient, **({"message": message} if message else {})}
    status, data, _ = call(app, "POST", REQUESTS, body=body, principal=sender)
    assert status == 201, data
    return dict(data)


def decide(app: Any, user: str, request_id: str, decision: str) -> tuple[int, Any]:
    status, data, _ = call(
        app,
        "POST",
        REQUESTS + "/{request_id}/" + decision,
        path_params={"request_id": request_id},
        principal=user,
    )
    return status, data


def connect(app: Any, user: str, other: str) -> None:
    status, data = decide(app, other, send(app, user, other)["id"], "accept")
    assert status == 200, data

"""Accounts and authentication end to end: real HTTP and WebSocket clients against the
target (the embedded runtime or a deployed stack: REST and WebSocket APIs, @connections)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import requests
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.support.endpoints import Endpoints
from tests.support.tokens import BAD_TOKENS

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def unique_name() -> str:
    return "u" + uuid.uuid4().hex[:12]


def register_and_login(rest_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    name = unique_name()
    created = requests.post(
        f"{rest_url}/auth/register",
        timeout=10,
        json={"username": name, "email": f"{name}@example.com", "password": PASSWORD},
    )
    assert created.status_code == 201, created.text
    tokens = requests.post(
        f"{rest_url}/auth/login", timeout=10, json={"username": name, "password": PASSWORD}
    )
    assert tokens.status_code == 200, tokens.text
    return created.json(), tokens.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_whole_auth_flow(endpoints):
    user, tokens = register_and_login(endpoints.rest_url)
    me = requests.get(
        f"{endpoints.rest_url}/me", headers=bearer(tokens["access_token"]), timeout=10
    )
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]
    patched = requests.patch(
        f"{endpoints.rest_url}/me",
        json={"full_name": "Ada Lovelace"},
        headers=bearer(tokens["access_token"]),
        timeout=10,
    )
    assert patched.json()["full_name"] == "Ada Lovelace"

    rotated = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert rotated.status_code == 200
    reused = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"
    family_revoked = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": rotated.json()["refresh_token"]},
    )
    assert family_revoked.status_code == 401

    _, again = register_and_login(endpoints.rest_url)
    logout = requests.post(
        f"{endpoints.rest_url}/auth/logout", headers=bearer(again["access_token"]), timeout=10
    )
    assert logout.status_code == 204
    after = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": again["refresh_token"]},
    )
    assert after.status_code == 401


def test_protected_routes_need_a_token(endpoints):
    response = requests.get(f"{endpoints.rest_url}/me", timeout=10)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_refused_on_the_rest_api(endpoints, kind):
    user, _ = register_and_login(endpoints.rest_url)
    response = requests.get(
        f"{endpoints.rest_url}/me", timeout=10, headers=bearer(BAD_TOKENS[kind](user["id"]))
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", [*sorted(BAD_TOKENS), "missing"])
def test_bad_tokens_are_refused_at_the_websocket_handshake(endpoints, kind):
    user, _ = register_and_login(endpoints.rest_url)
    token = None if kind == "missing" else BAD_TOKENS[kind](user["id"])
    with pytest.raises(InvalidStatus) as refused:
        connect(endpoints.websocket_url(token), open_timeout=10)
    assert refused.value.response.status_code == 401


def connection_ids_of(endpoints: Endpoints, user_id: str) -> set[str]:
    items = endpoints.client("dynamodb").query(
        TableName=endpoints.table_name("sockets"),
        IndexName="by_user",
        KeyConditionExpression="user_id = :u",
        ExpressionAttributeValues={":u": {"S": user_id}},
    )["Items"]
    return {item["connection_id"]["S"] for item in items}


def test_websocket_ping_bad_frames_and_disconnect(endpoints):
    user, tokens = register_and_login(endpoints.rest_url)
    with connect(endpoints.websocket_url(tokens["access_token"]), open_timeout=10) as socket:
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}
        for bad in ("{oops", '{"action": "teleport"}', '{"action": "ping", "x": 1}'):
            socket.send(bad)
            frame = json.loads(socket.recv(timeout=10))
            assert frame["type"] == "error"
            assert frame["data"]["code"]
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}
        [connection_id] = connection_ids_of(endpoints, user["id"])

    management = endpoints.client("apigatewaymanagementapi")
    endpoints.wait_for(lambda: not connection_ids_of(endpoints, user["id"]), timeout=10)
    with pytest.raises(management.exceptions.GoneException):
        management.post_to_connection(ConnectionId=connection_id, Data=b"{}")


@pytest.mark.runtime_only("restarts the runtime (a deployed stack has no restart)")
def test_a_restart_keeps_users(restartable_runtime):
    user, tokens = register_and_login(restartable_runtime.rest_url)
    restartable_runtime.restart()
    again = requests.post(
        f"{restartable_runtime.rest_url}/auth/login",
        timeout=10,
        json={"username": user["username"], "password": PASSWORD},
    )
    assert again.status_code == 200
    # The signing secret survives too: a token issued before the restart still works.
    me = requests.get(
        f"{restartable_runtime.rest_url}/me", headers=bearer(tokens["access_token"]), timeout=10
    )
    assert me.status_code == 200

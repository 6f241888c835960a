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

from tests.support.endpoints import Endpoints, runtime_endpoints
from tests.support.tokens import BAD_TOKENS

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
GATEWAY_RESPONSES = (
    "ministack",
    "API Gateway's own error body, not the contract's: gateway responses in the OpenAPI "
    "definition are ignored; docs/emulators.md#gateway-responses",
)
CONNECT_STATUS = (
    "ministack",
    "a refused $connect answers 403 whatever the function's status; "
    "docs/emulators.md#connect-refusals",
)


def unique_name() -> str:
    return "u" + uuid.uuid4().hex[:12]


def register_and_login(endpoints: Endpoints) -> tuple[dict[str, Any], dict[str, Any]]:
    rest_url = endpoints.rest_url
    name = unique_name()
    created = requests.post(
        f"{rest_url}/auth/register",
        timeout=endpoints.timeout,
        json={"username": name, "email": f"{name}@example.com", "password": PASSWORD},
    )
    assert created.status_code == 201, created.text
    tokens = requests.post(
        f"{rest_url}/auth/login",
        timeout=endpoints.timeout,
        json={"username": name, "password": PASSWORD},
    )
    assert tokens.status_code == 200, tokens.text
    return created.json(), tokens.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_whole_auth_flow(endpoints):
    user, tokens = register_and_login(endpoints)
    me = requests.get(
        f"{endpoints.rest_url}/me",
        headers=bearer(tokens["access_token"]),
        timeout=endpoints.timeout,
    )
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]
    patched = requests.patch(
        f"{endpoints.rest_url}/me",
        json={"full_name": "Ada Lovelace"},
        headers=bearer(tokens["access_token"]),
        timeout=endpoints.timeout,
    )
    assert patched.json()["full_name"] == "Ada Lovelace"

    rotated = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=endpoints.timeout,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert rotated.status_code == 200
    reused = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=endpoints.timeout,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"
    family_revoked = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=endpoints.timeout,
        json={"refresh_token": rotated.json()["refresh_token"]},
    )
    assert family_revoked.status_code == 401

    _, again = register_and_login(endpoints)
    logout = requests.post(
        f"{endpoints.rest_url}/auth/logout",
        headers=bearer(again["access_token"]),
        timeout=endpoints.timeout,
    )
    assert logout.status_code == 204
    after = requests.post(
        f"{endpoints.rest_url}/auth/refresh",
        timeout=endpoints.timeout,
        json={"refresh_token": again["refresh_token"]},
    )
    assert after.status_code == 401


def test_protected_routes_need_a_token(endpoints):
    response = requests.get(f"{endpoints.rest_url}/me", timeout=endpoints.timeout)
    assert response.status_code == 401


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_refused_on_the_rest_api(endpoints, kind):
    user, _ = register_and_login(endpoints)
    response = requests.get(
        f"{endpoints.rest_url}/me",
        timeout=endpoints.timeout,
        headers=bearer(BAD_TOKENS[kind](user["id"])),
    )
    assert response.status_code == 401


@pytest.mark.differs_on(*GATEWAY_RESPONSES)
def test_refusals_of_the_gateway_carry_the_contracts_error_body(endpoints):
    for headers in ({}, bearer("garbage")):
        response = requests.get(
            f"{endpoints.rest_url}/me", timeout=endpoints.timeout, headers=headers
        )
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", [*sorted(BAD_TOKENS), "missing"])
def test_bad_tokens_are_refused_at_the_websocket_handshake(endpoints, kind):
    user, _ = register_and_login(endpoints)
    token = None if kind == "missing" else BAD_TOKENS[kind](user["id"])
    with pytest.raises(InvalidStatus):
        connect(endpoints.websocket_url(token), open_timeout=endpoints.timeout)
    assert connection_ids_of(endpoints, user["id"]) == set()


@pytest.mark.differs_on(*CONNECT_STATUS)
def test_a_refused_handshake_answers_401(endpoints):
    with pytest.raises(InvalidStatus) as refused:
        connect(endpoints.websocket_url("garbage"), open_timeout=endpoints.timeout)
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
    user, tokens = register_and_login(endpoints)
    with connect(
        endpoints.websocket_url(tokens["access_token"]), open_timeout=endpoints.timeout
    ) as socket:
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=endpoints.timeout)) == {"type": "pong"}
        for bad in ("{oops", '{"action": "teleport"}', '{"action": "ping", "x": 1}'):
            socket.send(bad)
            frame = json.loads(socket.recv(timeout=endpoints.timeout))
            assert frame["type"] == "error"
            assert frame["data"]["code"]
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=endpoints.timeout)) == {"type": "pong"}
        [connection_id] = connection_ids_of(endpoints, user["id"])

    management = endpoints.client("apigatewaymanagementapi")
    endpoints.wait_for(lambda: not connection_ids_of(endpoints, user["id"]), timeout=10)
    with pytest.raises(management.exceptions.GoneException):
        management.post_to_connection(ConnectionId=connection_id, Data=b"{}")


@pytest.mark.runtime_only("restarts the runtime (a deployed stack has no restart)")
def test_a_restart_keeps_users(restartable_runtime):
    user, tokens = register_and_login(runtime_endpoints(restartable_runtime))
    restartable_runtime.restart()
    again = requests.post(
        f"{restartable_runtime.rest_url}/auth/login",
        timeout=30,  # the first request after a restart pays the cold start
        json={"username": user["username"], "password": PASSWORD},
    )
    assert again.status_code == 200
    # The signing secret survives too: a token issued before the restart still works.
    me = requests.get(
        f"{restartable_runtime.rest_url}/me", headers=bearer(tokens["access_token"]), timeout=30
    )
    assert me.status_code == 200

"""Accounts and authentication end to end: real HTTP and WebSocket clients against the
embedded runtime (DynamoDB Local, the REST and WebSocket gateways, @connections)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from infra.tables import table
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


def test_the_whole_auth_flow(runtime):
    user, tokens = register_and_login(runtime.rest_url)
    me = requests.get(f"{runtime.rest_url}/me", headers=bearer(tokens["access_token"]), timeout=10)
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]
    patched = requests.patch(
        f"{runtime.rest_url}/me",
        json={"full_name": "Ada Lovelace"},
        headers=bearer(tokens["access_token"]),
        timeout=10,
    )
    assert patched.json()["full_name"] == "Ada Lovelace"

    rotated = requests.post(
        f"{runtime.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert rotated.status_code == 200
    reused = requests.post(
        f"{runtime.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": tokens["refresh_token"]},
    )
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"
    family_revoked = requests.post(
        f"{runtime.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": rotated.json()["refresh_token"]},
    )
    assert family_revoked.status_code == 401

    _, again = register_and_login(runtime.rest_url)
    logout = requests.post(
        f"{runtime.rest_url}/auth/logout", headers=bearer(again["access_token"]), timeout=10
    )
    assert logout.status_code == 204
    after = requests.post(
        f"{runtime.rest_url}/auth/refresh",
        timeout=10,
        json={"refresh_token": again["refresh_token"]},
    )
    assert after.status_code == 401


def test_protected_routes_need_a_token(runtime):
    response = requests.get(f"{runtime.rest_url}/me", timeout=10)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_bad_tokens_are_refused_on_the_rest_api(runtime, kind):
    user, _ = register_and_login(runtime.rest_url)
    response = requests.get(
        f"{runtime.rest_url}/me", timeout=10, headers=bearer(BAD_TOKENS[kind](user["id"]))
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("kind", [*sorted(BAD_TOKENS), "missing"])
def test_bad_tokens_are_refused_at_the_websocket_handshake(runtime, kind):
    user, _ = register_and_login(runtime.rest_url)
    url = (
        runtime.ws_url
        if kind == "missing"
        else f"{runtime.ws_url}/?token={BAD_TOKENS[kind](user['id'])}"
    )
    with pytest.raises(InvalidStatus) as refused:
        connect(url, open_timeout=10)
    assert refused.value.response.status_code == 401


def registry_table(runtime: Any) -> Any:
    dynamodb = boto3.resource(
        "dynamodb",
        endpoint_url=runtime.dynamodb_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    return dynamodb.Table(table("connections").physical_name("local"))


def connection_ids_of(runtime: Any, user_id: str) -> set[str]:
    items = registry_table(runtime).query(
        IndexName="by_user",
        KeyConditionExpression="user_id = :u",
        ExpressionAttributeValues={":u": user_id},
    )["Items"]
    return {item["connection_id"] for item in items}


def test_websocket_ping_bad_frames_and_disconnect(runtime):
    user, tokens = register_and_login(runtime.rest_url)
    with connect(f"{runtime.ws_url}/?token={tokens['access_token']}", open_timeout=10) as socket:
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}
        for bad in ("{oops", '{"action": "teleport"}', '{"action": "ping", "x": 1}'):
            socket.send(bad)
            frame = json.loads(socket.recv(timeout=10))
            assert frame["type"] == "error"
            assert frame["data"]["code"]
        socket.send(json.dumps({"action": "ping"}))
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}
        [connection_id] = connection_ids_of(runtime, user["id"])

    management = boto3.client(
        "apigatewaymanagementapi",
        endpoint_url=runtime.management_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 1}),
    )
    runtime.wait_for(lambda: not connection_ids_of(runtime, user["id"]), timeout=10)
    with pytest.raises(management.exceptions.GoneException):
        management.post_to_connection(ConnectionId=connection_id, Data=b"{}")


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

"""``$connect``, ``$default`` and ``$disconnect`` through the real Chalice app, over moto."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends

from infra.tables import table
from tests.support.events import REGION, STAGE, LambdaContext, websocket_event
from tests.support.tokens import BAD_TOKENS, valid_token

ACCOUNT = "123456789012"


def frames_sent_to(connection_id: str) -> list[dict[str, Any]]:
    """Every frame posted to a connection through the management API (moto concatenates)."""
    backend = apigatewaymanagementapi_backends[ACCOUNT][REGION]
    data = (
        backend.connections[connection_id].data.decode()
        if connection_id in backend.connections
        else ""
    )
    decoder, frames, index = json.JSONDecoder(), [], 0
    while index < len(data):
        frame, index = decoder.raw_decode(data, index)
        frames.append(frame)
    return frames


def registered(connection_id: str) -> dict[str, Any] | None:
    client = boto3.client("dynamodb", region_name=REGION)
    name = table("sockets").physical_name(STAGE)
    return client.get_item(TableName=name, Key={"connection_id": {"S": connection_id}}).get("Item")


def connect(app: Any, connection_id: str, token: str | None) -> dict[str, Any]:
    query = {"token": token} if token is not None else None
    return app.websocket_connect(
        websocket_event("$connect", connection_id, query=query), LambdaContext()
    )


def send(app: Any, connection_id: str, body: str) -> list[dict[str, Any]]:
    before = len(frames_sent_to(connection_id))
    response = app.websocket_message(
        websocket_event("$default", connection_id, body=body), LambdaContext()
    )
    assert response["statusCode"] == 200
    return frames_sent_to(connection_id)[before:]


def test_connect_with_a_valid_token_registers_the_connection(lambda_handlers):
    response = connect(lambda_handlers, "conn-1", valid_token("usr_1"))
    assert response["statusCode"] == 200
    item = registered("conn-1")
    assert item is not None
    assert item["user_id"]["S"] == "usr_1"
    assert int(item["expires_at"]["N"]) > 0


def test_connect_without_a_token_is_refused(lambda_handlers):
    assert connect(lambda_handlers, "conn-1", None)["statusCode"] == 401
    assert registered("conn-1") is None


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
def test_connect_with_a_bad_token_is_refused(lambda_handlers, kind):
    assert connect(lambda_handlers, "conn-1", BAD_TOKENS[kind]("usr_1"))["statusCode"] == 401
    assert registered("conn-1") is None


def test_ping_answers_pong(lambda_handlers):
    connect(lambda_handlers, "conn-1", valid_token("usr_1"))
    assert send(lambda_handlers, "conn-1", '{"action": "ping"}') == [{"type": "pong"}]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{not json", "invalid_json"),
        ("[1, 2]", "invalid_frame"),
        ('{"action": "fly"}', "unknown_action"),
        ('{"no_action": true}', "unknown_action"),
        ('{"action": "ping", "extra": 1}', "validation_failed"),
        ('{"action": "ping", "x": ' + "[" * 1000 + "]" * 1000 + "}", "json_too_deep"),
    ],
)
def test_bad_frames_answer_an_error_and_keep_the_connection(lambda_handlers, body, code):
    connect(lambda_handlers, "conn-1", valid_token("usr_1"))
    [frame] = send(lambda_handlers, "conn-1", body)
    assert frame["type"] == "error"
    assert frame["data"]["code"] == code
    assert frame["data"]["message"]
    assert registered("conn-1") is not None
    assert send(lambda_handlers, "conn-1", '{"action": "ping"}') == [{"type": "pong"}]


def test_disconnect_removes_the_connection(lambda_handlers):
    connect(lambda_handlers, "conn-1", valid_token("usr_1"))
    connect(lambda_handlers, "conn-2", valid_token("usr_1"))
    lambda_handlers.websocket_disconnect(websocket_event("$disconnect", "conn-1"), LambdaContext())
    assert registered("conn-1") is None
    assert registered("conn-2") is not None

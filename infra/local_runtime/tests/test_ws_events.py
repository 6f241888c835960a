from __future__ import annotations

import base64
import re

import pytest

from infra.local_runtime.rest_events import Gateway
from infra.local_runtime.ws_events import (
    ConnectionInfo,
    connect_event,
    disconnect_event,
    message_event,
    new_connection_id,
    select_route,
)

GATEWAY = Gateway("wsapi00001", "local", "123456789012", "us-east-1", "127.0.0.1:8001")
INFO = ConnectionInfo("AbCdEfGhIjKlMnO=", "10.0.0.9", "pytest", connected_at=1_800_000_000.25)


def test_connection_ids_look_like_api_gateway_ids() -> None:
    ids = {new_connection_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(re.fullmatch(r"[A-Za-z0-9]{15}=", i) for i in ids)


def test_connect_event() -> None:
    event = connect_event(
        INFO, GATEWAY, [("Host", "h"), ("X-A", "1"), ("X-A", "2")], [("token", "t")]
    )
    context = event["requestContext"]
    assert (context["routeKey"], context["eventType"]) == ("$connect", "CONNECT")
    assert context["connectionId"] == INFO.connection_id
    assert context["connectedAt"] == 1_800_000_000_250
    assert context["identity"]["sourceIp"] == "10.0.0.9"
    assert (context["apiId"], context["stage"], context["domainName"]) == (
        "wsapi00001",
        "local",
        "127.0.0.1:8001",
    )
    assert isinstance(context["requestTimeEpoch"], int)
    assert context["requestId"]
    assert event["headers"]["X-A"] == "2"
    assert event["multiValueHeaders"]["X-A"] == ["1", "2"]
    assert event["queryStringParameters"] == {"token": "t"}
    assert event["multiValueQueryStringParameters"] == {"token": ["t"]}


def test_connect_event_without_query_has_no_query_keys() -> None:
    event = connect_event(INFO, GATEWAY, [("Host", "h")], [])
    assert "queryStringParameters" not in event


def test_message_event() -> None:
    event = message_event(INFO, GATEWAY, '{"action": "ping"}')
    context = event["requestContext"]
    assert (context["routeKey"], context["eventType"]) == ("$default", "MESSAGE")
    assert context["messageId"]
    assert (event["body"], event["isBase64Encoded"]) == ('{"action": "ping"}', False)


def test_binary_messages_are_base64_encoded() -> None:
    event = message_event(INFO, GATEWAY, b"\x00\xff")
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == b"\x00\xff"


def test_disconnect_event() -> None:
    event = disconnect_event(INFO, GATEWAY, [("Host", "h")], 1001, "Going away")
    context = event["requestContext"]
    assert (context["routeKey"], context["eventType"]) == ("$disconnect", "DISCONNECT")
    assert (context["disconnectStatusCode"], context["disconnectReason"]) == (1001, "Going away")


@pytest.mark.parametrize(
    ("body", "route"),
    [
        ('{"action": "ping"}', "ping"),
        ('{"action": "other"}', "$default"),
        ('{"action": "$connect"}', "$default"),
        ('{"action": 3}', "$default"),
        ("[1, 2]", "$default"),
        ("not json", "$default"),
        ('{"action": "ping", "x": ' + "[" * 5000 + "]" * 5000 + "}", "$default"),
    ],
)
def test_route_selection_by_action(body: str, route: str) -> None:
    assert select_route(body, ["$connect", "$default", "ping"]) == route

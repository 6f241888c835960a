"""The WebSocket gateway and the @connections API, through real clients."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from botocore.exceptions import ClientError
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from infra.local_runtime.tests.conftest import Entries, Toy

pytestmark = pytest.mark.e2e


def open_socket(toy: Toy, query: str = "token=t") -> ClientConnection:
    return connect(f"{toy.runtime.ws_url}/?{query}", open_timeout=5, max_size=None)


def connection_id_of(socket: ClientConnection) -> str:
    socket.send("whoami")
    reply = socket.recv(timeout=5)
    assert isinstance(reply, str)
    return reply


def of(connection_id: str, event_type: str) -> Any:
    def matches(entries: Entries) -> bool:
        return any(
            e["requestContext"]["connectionId"] == connection_id
            and e["requestContext"]["eventType"] == event_type
            for e in entries
        )

    return matches


def last_of(entries: Entries, connection_id: str) -> dict[str, Any]:
    return [e for e in entries if e["requestContext"]["connectionId"] == connection_id][-1]


def test_connect_passes_query_and_headers(toy: Toy) -> None:
    with open_socket(toy, "token=t&x=1&x=2") as socket:
        connection_id = connection_id_of(socket)
    assert re.fullmatch(r"[A-Za-z0-9]{15}=", connection_id)
    event = last_of(toy.events.read("connect"), connection_id)
    assert event["queryStringParameters"] == {"token": "t", "x": "2"}
    assert event["multiValueQueryStringParameters"]["x"] == ["1", "2"]
    assert event["headers"]["Host"].startswith("127.0.0.1:")
    assert "Sec-WebSocket-Key" in event["multiValueHeaders"]
    context = event["requestContext"]
    assert (context["routeKey"], context["eventType"]) == ("$connect", "CONNECT")
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["stage"] == "local"
    assert context["apiId"]
    assert context["requestId"]


def test_a_non_200_from_connect_refuses_the_handshake(toy: Toy) -> None:
    with pytest.raises(InvalidStatus) as refused:
        open_socket(toy, "token=bad")
    assert refused.value.response.status_code == 401


def test_messages_go_to_default_and_return_bodies_are_not_sent(toy: Toy) -> None:
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        socket.send('{"action": "ping"}')
        messages = toy.events.wait_for(
            "message",
            lambda e: any(
                m["body"] == '{"action": "ping"}'
                and m["requestContext"]["connectionId"] == connection_id
                for m in e
            ),
        )
        with pytest.raises(TimeoutError):
            socket.recv(timeout=0.3)
    context = last_of(messages, connection_id)["requestContext"]
    assert (context["routeKey"], context["eventType"]) == ("$default", "MESSAGE")
    assert context["messageId"]
    assert context["connectedAt"] <= context["requestTimeEpoch"]


def test_chalice_websocket_api_send_reaches_the_client(toy: Toy) -> None:
    with open_socket(toy) as socket:
        socket.send("echo:hello")
        assert socket.recv(timeout=5) == "hello"


def test_disconnect_fires_when_the_client_closes(toy: Toy) -> None:
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
    entries = toy.events.wait_for("disconnect", of(connection_id, "DISCONNECT"))
    context = last_of(entries, connection_id)["requestContext"]
    assert context["routeKey"] == "$disconnect"
    assert context["disconnectStatusCode"] == 1000
    assert context["disconnectReason"]


def test_messages_over_128_kb_close_the_connection_with_1009(toy: Toy) -> None:
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        socket.send("x" * (128 * 1024 + 1))
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009
    entries = toy.events.wait_for("disconnect", of(connection_id, "DISCONNECT"))
    assert last_of(entries, connection_id)["requestContext"]["disconnectStatusCode"] == 1009


def test_a_single_frame_over_32_kb_closes_the_connection_with_1009(toy: Toy) -> None:
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        socket.send("f" * (40 * 1024))  # one frame: websockets does not fragment
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009
    entries = toy.events.wait_for("disconnect", of(connection_id, "DISCONNECT"))
    assert last_of(entries, connection_id)["requestContext"]["disconnectStatusCode"] == 1009
    assert not any(len(m["body"]) == 40 * 1024 for m in toy.events.read("message"))


def test_frames_sent_with_the_handshake_are_limited_too(toy: Toy) -> None:
    """Bytes that arrive before the socket is prepared (here, before $connect has answered)
    reach the parser through the limit as well."""
    host, port = "127.0.0.1", int(toy.runtime.ws_url.rsplit(":", 1)[1])
    handshake = (
        f"GET /?token=early HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    payload = 40 * 1024
    frame = bytes([0x81, 0xFF]) + payload.to_bytes(8, "big") + b"\0" * 4 + b"e" * payload
    with socket.create_connection((host, port), timeout=5) as raw:
        raw.sendall(handshake + frame)
        received = b""
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < 4:
            chunk = raw.recv(4096)
            assert chunk, received
            received += chunk
    head, close = received.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 101")
    assert close[0] == 0x88  # a close frame
    assert int.from_bytes(close[2:4], "big") == 1009


def test_a_100_kb_message_in_32_kb_fragments_is_accepted(toy: Toy) -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(100 * 1024))
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        socket.send([text[i : i + 32 * 1024] for i in range(0, len(text), 32 * 1024)])
        messages = toy.events.wait_for(
            "message", lambda e: any(m["body"] == text for m in e), timeout=5
        )
        socket.send("echo:still open")
        assert socket.recv(timeout=5) == "still open"
    assert last_of(messages, connection_id)["body"] == text


def test_idle_connections_are_closed(toy: Toy) -> None:
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)  # the toy runtime's idle timeout is 2 s
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1001
    toy.events.wait_for("disconnect", of(connection_id, "DISCONNECT"))


def test_connections_api_through_boto3(toy: Toy) -> None:
    client = toy.runtime.client("apigatewaymanagementapi")
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        client.post_to_connection(ConnectionId=connection_id, Data=b'{"type": "hi"}')
        assert socket.recv(timeout=5) == '{"type": "hi"}'
        info = client.get_connection(ConnectionId=connection_id)
        assert info["Identity"]["SourceIp"] == "127.0.0.1"
        assert info["ConnectedAt"] <= info["LastActiveAt"]
        client.delete_connection(ConnectionId=connection_id)
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=5)
    toy.events.wait_for("disconnect", of(connection_id, "DISCONNECT"))
    for call in (client.post_to_connection, client.get_connection, client.delete_connection):
        kwargs = {"Data": b"x"} if call == client.post_to_connection else {}
        with pytest.raises(ClientError) as gone:
            call(ConnectionId=connection_id, **kwargs)
        assert gone.value.response["Error"]["Code"] == "GoneException"
        assert gone.value.response["ResponseMetadata"]["HTTPStatusCode"] == 410


def test_connections_api_with_a_stage_in_the_endpoint(toy: Toy) -> None:
    import boto3

    client = boto3.session.Session().client(
        "apigatewaymanagementapi",
        endpoint_url=f"{toy.runtime.management_url}/local",
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        client.post_to_connection(ConnectionId=connection_id, Data=b"staged")
        assert socket.recv(timeout=5) == "staged"
    with pytest.raises(client.exceptions.GoneException):
        client.post_to_connection(ConnectionId="NoSuchConnect1=", Data=b"x")

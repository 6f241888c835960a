from __future__ import annotations

import base64

import pytest

from infra.local_runtime.rest_events import (
    Gateway,
    HttpRequest,
    build_rest_event,
    decode_proxy_response,
    is_binary,
)

GATEWAY = Gateway("abc123defg", "local", "123456789012", "us-east-1", "127.0.0.1:8000")


def request(**overrides: object) -> HttpRequest:
    values: dict[str, object] = {
        "method": "POST",
        "path": "/books/b1",
        "headers": [("Content-Type", "application/json"), ("X-Tag", "a"), ("X-Tag", "b")],
        "query": [("q", "x"), ("q", "y"), ("limit", "5")],
        "body": b'{"name": "A"}',
        "source_ip": "10.0.0.7",
        "request_id": "req-1",
        "received_at": 1_800_000_000.5,
    }
    values.update(overrides)
    return HttpRequest(**values)  # type: ignore[arg-type]


def test_builds_a_rest_proxy_event_of_payload_version_1() -> None:
    event = build_rest_event(request(), "/books/{book}", {"book": "b1"}, GATEWAY)
    assert event["resource"] == "/books/{book}"
    assert event["path"] == "/books/b1"
    assert event["httpMethod"] == "POST"
    assert event["headers"] == {"Content-Type": "application/json", "X-Tag": "b"}
    assert event["multiValueHeaders"]["X-Tag"] == ["a", "b"]
    assert event["queryStringParameters"] == {"q": "y", "limit": "5"}
    assert event["multiValueQueryStringParameters"] == {"q": ["x", "y"], "limit": ["5"]}
    assert event["pathParameters"] == {"book": "b1"}
    assert event["stageVariables"] is None
    assert (event["body"], event["isBase64Encoded"]) == ('{"name": "A"}', False)
    context = event["requestContext"]
    assert context["resourcePath"] == "/books/{book}"
    assert context["path"] == "/local/books/b1"
    assert context["stage"] == "local"
    assert context["requestId"] == "req-1"
    assert context["requestTimeEpoch"] == 1_800_000_000_500
    assert context["identity"]["sourceIp"] == "10.0.0.7"
    assert (context["apiId"], context["accountId"]) == ("abc123defg", "123456789012")
    assert context["domainName"] == "127.0.0.1:8000"


def test_absent_parts_are_null_as_on_api_gateway() -> None:
    event = build_rest_event(request(query=[], body=b"", method="GET"), "/books", {}, GATEWAY)
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert event["pathParameters"] is None
    assert event["body"] is None


def test_binary_bodies_are_base64_encoded() -> None:
    data = bytes(range(256))
    headers = [("Content-Type", "application/octet-stream")]
    event = build_rest_event(request(headers=headers, body=data), "/x", {}, GATEWAY)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == data


@pytest.mark.parametrize(
    ("content_type", "body", "binary"),
    [
        ("application/json; charset=utf-8", b"{}", False),
        ("text/csv", b"a,b", False),
        ("text/vcard", b"BEGIN:VCARD", False),
        ("application/vnd.api+json", b"{}", False),
        (None, b"plain", False),
        ("image/png", b"\x89PNG", True),
        ("application/pdf", b"%PDF", True),
        ("text/plain", b"\xff\xfe", True),
    ],
)
def test_which_bodies_count_as_binary(content_type: str | None, body: bytes, binary: bool) -> None:
    assert is_binary(content_type, body) is binary


def test_decodes_a_proxy_response_with_multi_value_headers() -> None:
    response = decode_proxy_response(
        {
            "statusCode": 201,
            "headers": {"ETag": '"3"', "Content-Length": "999"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
            "body": '{"ok": true}',
        }
    )
    assert response.status == 201
    assert ("ETag", '"3"') in response.headers
    assert [v for k, v in response.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert ("Content-Type", "application/json") in response.headers
    assert all(k != "Content-Length" for k, _ in response.headers)
    assert response.body == b'{"ok": true}'


def test_decodes_a_base64_body() -> None:
    body = base64.b64encode(b"\x00\x01").decode()
    response = decode_proxy_response({"statusCode": 200, "body": body, "isBase64Encoded": True})
    assert response.body == b"\x00\x01"


@pytest.mark.parametrize("result", [None, "text", {"body": "x"}, {"statusCode": "200"}])
def test_a_malformed_response_is_an_error(result: object) -> None:
    with pytest.raises(ValueError, match="malformed"):
        decode_proxy_response(result)

"""API Gateway REST proxy events (payload format 1.0) and proxy responses, as pure data."""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
"""API Gateway's request payload limit."""

_TEXT_TYPES = (
    "application/json",
    "application/xml",
    "application/javascript",
    "application/x-www-form-urlencoded",
    "application/yaml",
    "application/graphql",
)
_HOP_BY_HOP = {"content-length", "transfer-encoding", "connection", "keep-alive"}


@dataclass(frozen=True)
class Gateway:
    """Who the emulated API is: what API Gateway reports about itself in each event."""

    api_id: str
    stage: str
    account_id: str
    region: str
    domain_name: str


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    """URL-decoded path, without the query string."""
    headers: Sequence[tuple[str, str]]
    query: Sequence[tuple[str, str]]
    body: bytes
    source_ip: str
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    received_at: float = field(default_factory=time.time)

    def header(self, name: str) -> str | None:
        value = None
        for key, item in self.headers:
            if key.lower() == name.lower():
                value = item
        return value


def _multi(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]] | None:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for key, value in pairs:
        single[key] = value
        multi.setdefault(key, []).append(value)
    return (single, multi) if single else None


def is_binary(content_type: str | None, body: bytes, binary_types: Sequence[str] = ()) -> bool:
    """Whether API Gateway would pass the body base64-encoded."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and (mime in binary_types or "*/*" in binary_types):
        return True
    textual = (
        not mime
        or mime.startswith("text/")
        or mime in _TEXT_TYPES
        or mime.endswith(("+json", "+xml"))
    )
    if not textual:
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def request_time(epoch: float) -> str:
    return time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(epoch))


def build_rest_event(
    request: HttpRequest,
    resource: str,
    path_parameters: dict[str, str],
    gateway: Gateway,
    binary_types: Sequence[str] = (),
) -> dict[str, Any]:
    headers = _multi(request.headers)
    query = _multi(request.query)
    binary = bool(request.body) and is_binary(
        request.header("content-type"), request.body, binary_types
    )
    if not request.body:
        body = None
    elif binary:
        body = base64.b64encode(request.body).decode("ascii")
    else:
        body = request.body.decode("utf-8")
    return {
        "resource": resource,
        "path": request.path,
        "httpMethod": request.method,
        "headers": headers[0] if headers else None,
        "multiValueHeaders": headers[1] if headers else None,
        "queryStringParameters": query[0] if query else None,
        "multiValueQueryStringParameters": query[1] if query else None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": uuid.uuid5(uuid.NAMESPACE_URL, resource).hex[:6],
            "resourcePath": resource,
            "httpMethod": request.method,
            "extendedRequestId": request.request_id,
            "requestTime": request_time(request.received_at),
            "path": f"/{gateway.stage}{request.path}",
            "accountId": gateway.account_id,
            "protocol": "HTTP/1.1",
            "stage": gateway.stage,
            "domainPrefix": gateway.domain_name.split(".")[0],
            "requestTimeEpoch": int(request.received_at * 1000),
            "requestId": request.request_id,
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "sourceIp": request.source_ip,
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": request.header("user-agent"),
                "user": None,
            },
            "domainName": gateway.domain_name,
            "apiId": gateway.api_id,
        },
        "body": body,
        "isBase64Encoded": binary,
    }


@dataclass(frozen=True)
class ProxyResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def decode_proxy_response(result: Any) -> ProxyResponse:
    """Turn a Lambda proxy integration's return value into an HTTP response.

    Raises ValueError for what API Gateway would answer with a 502.
    """
    if not isinstance(result, dict) or not isinstance(result.get("statusCode"), int):
        raise ValueError(f"malformed Lambda proxy response: {str(result)[:200]}")
    headers: list[tuple[str, str]] = []
    multi: dict[str, Any] = result.get("multiValueHeaders") or {}
    for name, value in (result.get("headers") or {}).items():
        if name not in multi and name.lower() not in _HOP_BY_HOP:
            headers.append((name, str(value)))
    for name, values in multi.items():
        if name.lower() not in _HOP_BY_HOP:
            headers.extend((name, str(value)) for value in values)
    if not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", "application/json"))
    body = result.get("body")
    if body is None:
        data = b""
    elif result.get("isBase64Encoded"):
        data = base64.b64decode(body)
    else:
        data = str(body).encode("utf-8")
    return ProxyResponse(result["statusCode"], headers, data)

"""Real-shaped Lambda events for invoking handlers in tests (API Gateway REST proxy,
API Gateway WebSocket, DynamoDB Streams), and a Lambda-like context."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from boto3.dynamodb.types import TypeSerializer

REGION = "us-east-1"
ACCOUNT = "123456789012"
REST_API_ID = "restapi123"
WS_API_ID = "wsapi12345"
STAGE = "test"


@dataclass
class LambdaContext:
    function_name: str = "test-function"
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:test-function"
    log_group_name: str = "/aws/lambda/test-function"
    log_stream_name: str = "test"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def _concrete_path(resource: str, path_params: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\+?\}", lambda m: path_params[m.group(1)], resource)


def rest_event(
    method: str,
    resource: str,
    *,
    path_params: dict[str, str] | None = None,
    query: dict[str, str | list[str]] | None = None,
    headers: dict[str, str] | None = None,
    body: Any = None,
    principal: str | None = None,
    username: str = "tester",
) -> dict[str, Any]:
    """An API Gateway REST proxy event for route ``resource`` (e.g. ``/books/{book}``).

    ``body`` is sent as JSON unless it is ``str``/``bytes``; ``principal`` is the user id the
    authorizer vouched for (``None``: an unauthenticated request to a public route).
    """
    path_params = path_params or {}
    all_headers = {"Content-Type": "application/json", "Host": "localhost", **(headers or {})}
    multi_query = {k: v if isinstance(v, list) else [v] for k, v in (query or {}).items()}
    is_base64 = isinstance(body, bytes)
    if body is None:
        text = None
    elif isinstance(body, bytes):
        text = base64.b64encode(body).decode()
    elif isinstance(body, str):
        text = body
    else:
        text = json.dumps(body)
    path = _concrete_path(resource, path_params)
    request_context: dict[str, Any] = {
        "resourcePath": resource,
        "httpMethod": method,
        "path": f"/{STAGE}{path}",
        "stage": STAGE,
        "requestId": str(uuid.uuid4()),
        "requestTimeEpoch": int(time.time() * 1000),
        "accountId": ACCOUNT,
        "apiId": REST_API_ID,
        "identity": {"sourceIp": "127.0.0.1", "userAgent": "pytest"},
        "domainName": "localhost",
    }
    if principal is not None:
        request_context["authorizer"] = {
            "principalId": principal,
            "user_id": principal,
            "username": username,
            "integrationLatency": 1,
        }
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_params or None,
        "stageVariables": None,
        "body": text,
        "isBase64Encoded": is_base64,
        "requestContext": request_context,
    }


def response_json(response: dict[str, Any]) -> Any:
    """The JSON body of a Chalice REST response dict."""
    body = response.get("body") or ""
    if response.get("isBase64Encoded"):
        body = base64.b64decode(body).decode()
    return json.loads(body) if body else None


def websocket_event(
    route_key: str,
    connection_id: str,
    *,
    body: str | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway WebSocket event for ``$connect``, ``$disconnect`` or ``$default``."""
    event_type = {"$connect": "CONNECT", "$disconnect": "DISCONNECT"}.get(route_key, "MESSAGE")
    context: dict[str, Any] = {
        "routeKey": route_key,
        "eventType": event_type,
        "connectionId": connection_id,
        "domainName": f"{WS_API_ID}.execute-api.{REGION}.amazonaws.com",
        "stage": STAGE,
        "apiId": WS_API_ID,
        "requestId": str(uuid.uuid4()),
        "requestTimeEpoch": int(time.time() * 1000),
        "connectedAt": int(time.time() * 1000),
        "identity": {"sourceIp": "127.0.0.1"},
    }
    if event_type == "MESSAGE":
        context["messageId"] = str(uuid.uuid4())
    event: dict[str, Any] = {"requestContext": context, "isBase64Encoded": False}
    if body is not None:
        event["body"] = body
    if route_key == "$connect":
        event["queryStringParameters"] = query or None
        event["multiValueQueryStringParameters"] = {
            k: [v] for k, v in (query or {}).items()
        } or None
        event["headers"] = {"Host": context["domainName"]}
    return event


_serializer = TypeSerializer()


def dynamodb_image(item: dict[str, Any]) -> dict[str, Any]:
    """A plain item in DynamoDB's attribute-value JSON (as in stream images)."""
    return {key: _serializer.serialize(value) for key, value in item.items() if value is not None}


_sequence = [100000000000000000000]


def stream_record(
    table_name: str,
    *,
    keys: dict[str, Any],
    new_image: dict[str, Any] | None = None,
    old_image: dict[str, Any] | None = None,
    sequence_number: str | None = None,
) -> dict[str, Any]:
    """One DynamoDB Streams record (NEW_AND_OLD_IMAGES) as Lambda receives it.

    Images are attribute-value JSON already (use ``dynamodb_image`` for plain items).
    """
    if sequence_number is None:
        _sequence[0] += 1
        sequence_number = str(_sequence[0])
    event_name = "INSERT" if old_image is None else "REMOVE" if new_image is None else "MODIFY"
    record: dict[str, Any] = {
        "eventID": uuid.uuid4().hex,
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": REGION,
        "dynamodb": {
            "ApproximateCreationDateTime": int(time.time()),
            "Keys": dynamodb_image(keys),
            "SequenceNumber": sequence_number,
            "SizeBytes": 100,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
        "eventSourceARN": (
            f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table_name}/stream/2026-11-21T00:00:00.000"
        ),
    }
    if new_image is not None:
        record["dynamodb"]["NewImage"] = new_image
    if old_image is not None:
        record["dynamodb"]["OldImage"] = old_image
    return record


def stream_event(*records: dict[str, Any]) -> dict[str, Any]:
    return {"Records": list(records)}

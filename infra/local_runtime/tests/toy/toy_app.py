"""A small Chalice app that exercises every entry point the runtime emulates.

Each handler appends what it saw to ``$TOY_EVENTS_DIR/<kind>.jsonl`` so that tests,
running in another process, can check the events.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import boto3
from chalice.app import (
    AuthRequest,
    AuthResponse,
    Chalice,
    DynamoDBEvent,
    Request,
    Response,
    WebsocketEvent,
)

from functions.stream_sources import stream_of

app = Chalice(app_name="toy")
app.experimental_feature_flags.update(["WEBSOCKETS"])
app.websocket_api.session = boto3.session.Session()

EVENTS = Path(os.environ.get("TOY_EVENTS_DIR", "/tmp/toy-events"))
_lock = threading.Lock()
_seen: Counter[str] = Counter()


def record(kind: str, payload: Any) -> None:
    with _lock:
        EVENTS.mkdir(parents=True, exist_ok=True)
        with (EVENTS / f"{kind}.jsonl").open("a") as file:
            file.write(json.dumps(payload, default=str) + "\n")


def current_request() -> Request:
    request = app.current_request
    assert request is not None
    return request


@app.authorizer(ttl_seconds=0)
def token_auth(auth_request: AuthRequest) -> AuthResponse:
    if auth_request.token == "Bearer allow":
        return AuthResponse(routes=["*"], principal_id="user-1", context={"role": "admin"})
    if auth_request.token == "Bearer deny":
        return AuthResponse(routes=["/echo/*"], principal_id="user-1")
    if auth_request.token == "Bearer crash":
        raise RuntimeError("authorizer bug")
    raise Exception("Unauthorized")


@app.route(
    "/echo/{name}",
    methods=["GET", "POST", "PUT"],
    content_types=["application/json", "application/octet-stream", "text/plain"],
)
def echo(name: str) -> dict[str, Any]:
    context = app.lambda_context
    return {
        "name": name,
        "event": current_request().to_original_event(),
        "context": {
            "function_name": context.function_name,
            "aws_request_id": context.aws_request_id,
            "memory_limit_in_mb": context.memory_limit_in_mb,
            "invoked_function_arn": context.invoked_function_arn,
            "log_group_name": context.log_group_name,
            "remaining_ms": context.get_remaining_time_in_millis(),
        },
        "env": {
            key: os.environ.get(key)
            for key in (
                "STAGE",
                "LOG_LEVEL",
                "CONTACTS_TABLE",
                "DYNAMODB_ENDPOINT_URL",
                "WEBSOCKET_MANAGEMENT_ENDPOINT",
                "JWT_SECRET_FILE",
                "AWS_REGION",
            )
        },
    }


@app.authorizer()  # no ttl_seconds: API Gateway's default, 300 s
def cached_auth(auth_request: AuthRequest) -> AuthResponse:
    return AuthResponse(routes=["/cached"], principal_id=auth_request.token)


@app.route("/private", authorizer=token_auth)
def private() -> dict[str, Any]:
    return {"authorizer": current_request().context.get("authorizer")}


@app.route("/cached", authorizer=cached_auth)
def cached() -> dict[str, Any]:
    return {"authorizer": current_request().context.get("authorizer")}


@app.route("/log")
def log() -> dict[str, Any]:
    logging.getLogger("botocore.toy").info("library chatter")
    logging.getLogger("botocore.toy").warning("library warning")
    logging.getLogger(__name__).info("app line %s", current_request().query_params)
    return {}


@app.route("/slow")
def slow() -> dict[str, Any]:
    time.sleep(1.5)
    return {"slow": True}


@app.route("/pid")
def pid() -> dict[str, Any]:
    """Which worker process answered, and how many requests it has answered."""
    with _lock:
        _seen["pid-calls"] += 1
        calls = _seen["pid-calls"]
    query: Any = current_request().query_params or {}
    time.sleep(float(query.get("sleep") or 0))
    return {"pid": os.getpid(), "calls": calls, "runtime": os.getppid()}


@app.route("/broken")
def broken() -> dict[str, Any]:
    return {"unserializable": object()}  # fails after the route, outside Chalice's handler


@app.on_ws_connect()
def connect(event: WebsocketEvent) -> Response | None:
    original = event.to_dict()
    record("connect", original)
    if (original.get("queryStringParameters") or {}).get("token") == "bad":
        return Response(status_code=401, body={"error": {"code": "unauthorized"}})
    return None


@app.on_ws_message()
def message(event: WebsocketEvent) -> dict[str, Any]:
    record("message", event.to_dict())
    body = event.body
    if body == "whoami":
        client = boto3.client(
            "apigatewaymanagementapi", endpoint_url=os.environ["WEBSOCKET_MANAGEMENT_ENDPOINT"]
        )
        client.post_to_connection(
            ConnectionId=event.connection_id, Data=event.connection_id.encode()
        )
    elif body == "pid":
        app.websocket_api.send(event.connection_id, str(os.getpid()))
    elif body.startswith("echo:"):
        app.websocket_api.send(event.connection_id, body[len("echo:") :])
    return {"statusCode": 200, "body": "never sent to the client"}


@app.on_ws_disconnect()
def disconnect(event: WebsocketEvent) -> None:
    record("disconnect", event.to_dict())


@app.on_dynamodb_record(
    stream_arn=stream_of("contacts"), batch_size=4, starting_position="TRIM_HORIZON"
)
def contacts_changed(event: DynamoDBEvent) -> dict[str, Any] | None:
    records = event.to_dict()["Records"]
    ids = [r["dynamodb"]["Keys"]["contact_id"]["S"] for r in records]
    failures = []
    for item in records:
        image = item["dynamodb"].get("NewImage", {})
        mode = image.get("mode", {}).get("S", "")
        sequence = item["dynamodb"]["SequenceNumber"]
        with _lock:
            _seen[sequence] += 1
            first_time = _seen[sequence] == 1
        if mode == "raise" or (mode == "raise_once" and first_time):
            record("stream", {"ids": ids, "outcome": "raised", "records": records})
            raise RuntimeError(f"cannot handle {sequence}")
        if mode == "fail_item_once" and first_time:
            failures.append({"itemIdentifier": sequence})
    record(
        "stream",
        {
            "ids": ids,
            "outcome": "partial" if failures else "ok",
            "records": records,
            "failures": failures,
        },
    )
    return {"batchItemFailures": failures}


@app.on_dynamodb_record(stream_arn=stream_of("contacts"), batch_size=100)
def contacts_latest(event: DynamoDBEvent) -> None:
    ids = [r["dynamodb"]["Keys"]["contact_id"]["S"] for r in event.to_dict()["Records"]]
    record("latest", {"ids": ids})

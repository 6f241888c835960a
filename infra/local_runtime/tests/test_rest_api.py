"""The REST gateway, through real HTTP, against the toy app."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from infra.local_runtime.gateway_errors import resolve
from infra.local_runtime.tests.conftest import Toy
from infra.template.gateway_responses import gateway_error

pytestmark = pytest.mark.e2e


def test_the_handler_gets_a_real_rest_proxy_event(toy: Toy) -> None:
    response = requests.post(
        f"{toy.runtime.rest_url}/echo/a%20b?x=1&x=2&flag",
        json={"name": "A"},
        headers={"X-Custom": "yes"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.headers["x-amzn-RequestId"]
    seen = response.json()
    event = seen["event"]
    assert (event["resource"], event["path"], event["httpMethod"]) == (
        "/echo/{name}",
        "/echo/a b",
        "POST",
    )
    assert seen["name"] == "a b"
    assert event["pathParameters"] == {"name": "a b"}
    assert event["queryStringParameters"] == {"x": "2", "flag": ""}
    assert event["multiValueQueryStringParameters"] == {"x": ["1", "2"], "flag": [""]}
    assert event["headers"]["X-Custom"] == "yes"
    assert event["multiValueHeaders"]["X-Custom"] == ["yes"]
    assert json.loads(event["body"]) == {"name": "A"}
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["resourcePath"] == "/echo/{name}"
    assert context["httpMethod"] == "POST"
    assert context["stage"] == "local"
    assert context["path"] == "/local/echo/a b"
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["requestId"] == response.headers["x-amzn-RequestId"]
    assert abs(context["requestTimeEpoch"] / 1000 - time.time()) < 60
    assert context["apiId"]
    assert context["accountId"]
    assert context["domainName"]


def test_the_handler_gets_a_lambda_context_and_the_stage_environment(toy: Toy) -> None:
    seen = requests.get(f"{toy.runtime.rest_url}/echo/x", timeout=5).json()
    context, env = seen["context"], seen["env"]
    assert context["function_name"] == "toy-local"
    assert context["memory_limit_in_mb"] == 512
    assert context["invoked_function_arn"].endswith(":function:toy-local")
    assert context["log_group_name"] == "/aws/lambda/toy-local"
    assert 0 < context["remaining_ms"] <= 30_000
    assert env["STAGE"] == "local"
    assert env["LOG_LEVEL"] == "INFO"
    assert env["CONTACTS_TABLE"] == "addressbook-local-contacts"
    assert env["DYNAMODB_ENDPOINT_URL"] == toy.runtime.dynamodb_url
    assert env["WEBSOCKET_MANAGEMENT_ENDPOINT"] == toy.runtime.management_url
    assert env["JWT_SECRET_FILE"] == str(toy.runtime.state_dir / "jwt-secret")
    assert len(Path(env["JWT_SECRET_FILE"]).read_text()) == 128


def test_binary_bodies_reach_the_handler_base64_encoded(toy: Toy) -> None:
    response = requests.put(
        f"{toy.runtime.rest_url}/echo/bin",
        data=bytes(range(256)),
        headers={"Content-Type": "application/octet-stream"},
        timeout=5,
    )
    assert response.json()["event"]["isBase64Encoded"] is True


def authorizer_calls(toy: Toy) -> int:
    return toy.runtime.log.count("toy-local-token_auth")


def get_private(toy: Toy, **headers: str) -> requests.Response:
    return requests.get(f"{toy.runtime.rest_url}/private", headers=headers, timeout=5)


def error_of(response: requests.Response) -> Any:
    assert response.headers["Content-Type"] == "application/json"
    return response.json()["error"]["code"]


def test_no_authorization_header_is_a_401_without_calling_the_authorizer(toy: Toy) -> None:
    before = authorizer_calls(toy)
    response = get_private(toy)
    assert (response.status_code, error_of(response)) == (401, "unauthorized")
    time.sleep(0.1)
    assert authorizer_calls(toy) == before


@pytest.mark.parametrize(
    ("token", "status", "code"),
    [
        ("Bearer nope", 401, "unauthorized"),
        ("Bearer deny", 403, "forbidden"),
        ("Bearer crash", 500, "internal_error"),
    ],
)
def test_the_authorizer_decides(toy: Toy, token: str, status: int, code: str) -> None:
    response = get_private(toy, Authorization=token)
    assert (response.status_code, error_of(response)) == (status, code)


def test_an_unauthorized_token_is_one_log_line_without_a_traceback(toy: Toy) -> None:
    assert get_private(toy, Authorization="Bearer nope").status_code == 401
    toy.runtime.wait_for_log(r"toy-local-token_auth GET /private -> Unauthorized \(401\)")
    assert 'raise Exception("Unauthorized")' not in toy.runtime.log


def test_an_allowed_request_carries_the_authorizer_context(toy: Toy) -> None:
    response = get_private(toy, Authorization="Bearer allow")
    assert response.status_code == 200
    authorizer = response.json()["authorizer"]
    assert authorizer["principalId"] == "user-1"
    assert authorizer["role"] == "admin"


def test_unknown_routes_get_the_packaged_apis_answer(toy: Toy) -> None:
    # API Gateway answers with its MISSING_AUTHENTICATION_TOKEN gateway response.
    missing = requests.get(f"{toy.runtime.rest_url}/nope", timeout=5)
    assert missing.status_code == 404
    assert missing.json() == gateway_error("MISSING_AUTHENTICATION_TOKEN").body()


def test_a_wrong_method_is_405_with_the_allowed_ones(toy: Toy) -> None:
    wrong = requests.delete(f"{toy.runtime.rest_url}/echo/x", timeout=5)
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"
    assert "DELETE" not in wrong.headers["Allow"]
    assert wrong.headers["Allow"]
    toy.runtime.wait_for_log(r"rest: DELETE /echo/x -> 405")


def test_bodies_over_10_mb_are_refused(toy: Toy) -> None:
    response = requests.post(
        f"{toy.runtime.rest_url}/echo/big",
        data=b"x" * (10 * 1024 * 1024 + 1),
        headers={"Content-Type": "text/plain"},
        timeout=10,
    )
    assert (response.status_code, error_of(response)) == (413, "payload_too_large")


def test_a_crashing_invocation_is_a_502_without_a_traceback(toy: Toy) -> None:
    response = requests.get(f"{toy.runtime.rest_url}/broken", timeout=5)
    assert (response.status_code, error_of(response)) == (502, "internal_error")
    assert "Traceback" not in response.text
    assert toy.runtime.wait_for_log(r"(?s)GET /broken -> raised TypeError.*Traceback")


def test_a_slow_integration_is_a_504_and_runs_on(toy: Toy) -> None:
    started = time.monotonic()
    response = requests.get(f"{toy.runtime.rest_url}/slow", timeout=5)
    elapsed = time.monotonic() - started
    assert response.status_code == 504  # the toy runtime's --integration-timeout is 1 s
    assert response.json() == resolve("INTEGRATION_TIMEOUT")[0].body()
    assert 0.9 < elapsed < 1.4
    toy.runtime.wait_for_log(r"GET /slow: no response within 1 s")
    toy.runtime.wait_for_log(r"GET /slow -> 200")  # the handler finished anyway


def authorizer_calls_for(toy: Toy, name: str, path: str, tokens: list[str]) -> int:
    """How many times the authorizer ``name`` ran for requests to ``path`` with ``tokens``."""

    def calls() -> int:
        return toy.runtime.log.count(f"toy-local-{name} GET")

    before = calls()
    for token in tokens:
        headers = {"Authorization": token}
        response = requests.get(f"{toy.runtime.rest_url}{path}", headers=headers, timeout=5)
        assert response.status_code == 200
        assert response.json()["authorizer"]["principalId"] in (token, "user-1")
    toy.runtime.wait_for(lambda: calls() > before)
    time.sleep(0.1)  # the runtime's log reaches us through a pipe
    return calls() - before


def test_authorizer_results_are_cached_for_the_declared_ttl(toy: Toy) -> None:
    assert authorizer_calls_for(toy, "token_auth", "/private", ["Bearer allow"] * 2) == 2  # ttl 0
    tokens = ["Bearer one", "Bearer one", "Bearer two"]
    assert authorizer_calls_for(toy, "cached_auth", "/cached", tokens) == 2  # default: 300 s


def test_libraries_log_only_warnings_and_nothing_twice(toy: Toy) -> None:
    marker = uuid.uuid4().hex
    assert requests.get(f"{toy.runtime.rest_url}/log?m={marker}", timeout=5).status_code == 200
    toy.runtime.wait_for_log(r"GET /log -> 200")
    assert toy.runtime.log.count(marker) == 1
    assert "botocore.toy: library warning" in toy.runtime.log
    assert "library chatter" not in toy.runtime.log


def test_the_banner_names_each_stream_function_and_its_table(toy: Toy) -> None:
    for function in ("contacts_changed", "contacts_latest"):
        assert re.search(rf" {function} (\u2190|<-) addressbook-local-contacts\n", toy.runtime.log)


def test_a_slow_invocation_does_not_block_the_gateway(toy: Toy) -> None:
    slow = threading.Thread(target=requests.get, args=(f"{toy.runtime.rest_url}/slow",))
    slow.start()
    time.sleep(0.1)
    assert requests.get(f"{toy.runtime.rest_url}/echo/fast", timeout=5).status_code == 200
    assert slow.is_alive()  # /slow takes 1.5 s
    slow.join()

"""Hostile and careless input against the running runtime: every answer is a 4xx in the
contract's error shape (or an ``error`` frame), never a 5xx, a crash or a stuck socket."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from websockets.sync.client import connect

from tests.e2e.test_auth_e2e import bearer, register_and_login

pytestmark = pytest.mark.e2e
DEEP = "[" * 1000 + "]" * 1000


def assert_contract_error(response: requests.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"]
    assert error["message"]
    return error


def test_json_nested_1000_deep_is_a_400_on_login(endpoints):
    body = '{"username":' + DEEP + "}"
    response = requests.post(
        f"{endpoints.rest_url}/auth/login", data=body, timeout=endpoints.timeout,
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert assert_contract_error(response, 400)["code"] == "json_too_deep"


def test_a_frame_nested_1000_deep_answers_an_error_and_keeps_the_connection(endpoints):
    _, tokens = register_and_login(endpoints)
    with connect(
        endpoints.websocket_url(tokens["access_token"]), open_timeout=endpoints.timeout
    ) as socket:
        socket.send('{"action": "ping", "x": ' + DEEP + "}")
        reply = json.loads(socket.recv(timeout=endpoints.timeout))
        assert (reply["type"], reply["data"]["code"]) == ("error", "json_too_deep")
        socket.send('{"action": "ping"}')
        assert json.loads(socket.recv(timeout=endpoints.timeout)) == {"type": "pong"}


def test_unknown_contact_history_is_a_404(endpoints):
    _, tokens = register_and_login(endpoints)
    response = requests.get(
        f"{endpoints.rest_url}/books/me/contacts/ct_nope/history",
        headers=bearer(tokens["access_token"]), timeout=endpoints.timeout,
    )  # fmt: skip
    assert assert_contract_error(response, 404)["code"] == "contact_not_found"


@pytest.mark.runtime_only(
    "the HTTP server's own refusals are the runtime's (API Gateway has its own)"
)
def test_an_overlong_url_and_too_many_headers_are_contract_errors(runtime):
    long_url = f"{runtime.rest_url}/books/me/contacts?q={'a' * 9000}"
    assert assert_contract_error(requests.get(long_url, timeout=10), 400)["message"]
    many = {f"X-Header-{n}": "x" for n in range(200)}
    response = requests.get(f"{runtime.rest_url}/openapi.json", headers=many, timeout=10)
    assert_contract_error(response, 400)
    huge = {"X-Big": "x" * 20_000}
    response = requests.get(f"{runtime.rest_url}/openapi.json", headers=huge, timeout=10)
    assert response.status_code in (400, 431)
    assert_contract_error(response, response.status_code)


def test_a_control_character_in_a_path_segment_is_a_contract_404(endpoints):
    _, tokens = register_and_login(endpoints)
    for segment in ("%0A", "%00", "%0D%0A"):
        response = requests.get(
            f"{endpoints.rest_url}/books/me/contacts/{segment}",
            headers=bearer(tokens["access_token"]), timeout=endpoints.timeout,
        )  # fmt: skip
        assert assert_contract_error(response, 404)["code"] == "contact_not_found"

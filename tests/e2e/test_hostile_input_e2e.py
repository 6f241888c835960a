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
        f"{endpoints.rest_url}/auth/login", data=body, timeout=10,
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert assert_contract_error(response, 400)["code"] == "json_too_deep"


def test_a_frame_nested_1000_deep_answers_an_error_and_keeps_the_connection(endpoints):
    _, tokens = register_and_login(endpoints.rest_url)
    with connect(endpoints.websocket_url(tokens["access_token"]), open_timeout=10) as socket:
        socket.send('{"action": "ping", "x": ' + DEEP + "}")
        reply = json.loads(socket.recv(timeout=10))
        assert (reply["type"], reply["data"]["code"]) == ("error", "json_too_deep")
        socket.send('{"action": "ping"}')
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}


def test_unknown_contact_history_is_a_404(endpoints):
    _, tokens = register_and_login(endpoints.rest_url)
    response = requests.get(
        f"{endpoints.rest_url}/books/me/contacts/ct_nope/history",
        headers=bearer(tokens["access_token"]), timeout=10,
    )  # fmt: skip
    assert assert_contract_error(response, 404)["code"] == "contact_not_found"

"""Rate limits end to end: failed logins lock an account out across every instance of the
function (the count lives in DynamoDB), parallel failures included."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from core.login_attempts.rules import LoginLimits

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def test_parallel_wrong_passwords_lock_the_account_and_the_right_one_gets_429(endpoints):
    name = "r" + uuid.uuid4().hex[:12]
    account = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert requests.post(
        f"{endpoints.rest_url}/auth/register", json=account, timeout=endpoints.timeout
    ).ok

    def attempt(password: str) -> requests.Response:
        body = {"username": name, "password": password}
        return requests.post(
            f"{endpoints.rest_url}/auth/login", json=body, timeout=3 * endpoints.timeout
        )

    tries = 3 * LoginLimits().failures_per_account
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(r.status_code for r in pool.map(attempt, ["wrong"] * tries))
    assert set(statuses) <= {401, 429}
    assert 429 in statuses
    locked = attempt(PASSWORD)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
    assert locked.json()["error"]["code"] == "rate_limited"


@pytest.mark.runtime_only("the per-connection frame limit is the runtime's")
def test_a_websocket_flood_gets_error_frames_then_a_close(runtime):
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    from infra.local_runtime.throttle import FLOOD_FRAMES, FRAME_THROTTLE
    from tests.e2e.test_auth_e2e import register_and_login
    from tests.support.endpoints import runtime_endpoints

    _, tokens = register_and_login(runtime_endpoints(runtime))
    replies, close_code = [], None
    with connect(f"{runtime.ws_url}/?token={tokens['access_token']}", open_timeout=10) as socket:
        try:
            for _ in range(FRAME_THROTTLE.burst + FLOOD_FRAMES + 100):
                socket.send('{"action": "ping"}')
            while True:
                replies.append(json.loads(socket.recv(timeout=60)))
        except ConnectionClosed as closed:
            close_code = closed.rcvd.code if closed.rcvd else None
    # Admitted frames are processed in order; their pongs may come before the close or be
    # posted to a connection already gone. Refused frames are answered at once.
    assert {r["type"] for r in replies} <= {"pong", "error"}
    errors = [r["data"]["code"] for r in replies if r["type"] == "error"]
    assert errors
    assert set(errors) == {"rate_limited"}
    assert close_code == 1008
    # The runtime is not stuck: a new connection works at once.
    with connect(f"{runtime.ws_url}/?token={tokens['access_token']}", open_timeout=10) as socket:
        socket.send('{"action": "ping"}')
        assert json.loads(socket.recv(timeout=10)) == {"type": "pong"}


@pytest.mark.runtime_only("starts a runtime of its own with a low stage throttle")
def test_requests_over_the_stage_throttle_get_429_with_retry_after():
    from infra.local_runtime.testing import LocalRuntime, skip_or_fail_without_prerequisites

    skip_or_fail_without_prerequisites()
    args = ("--throttle-rate", "1", "--throttle-burst", "3")
    with LocalRuntime(in_memory=True, extra_args=args) as throttled:
        responses = [
            requests.get(f"{throttled.rest_url}/openapi.json", timeout=10) for _ in range(8)
        ]
    statuses = [r.status_code for r in responses]
    assert statuses[:3] == [200, 200, 200]
    refused = [r for r in responses if r.status_code == 429]
    assert refused
    assert refused[0].headers["Retry-After"] == "1"
    assert refused[0].json()["error"]["code"] == "rate_limited"

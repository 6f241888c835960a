"""Rate limits end to end: failed logins lock an account out across every instance of the
function (the count lives in DynamoDB), parallel failures included."""

from __future__ import annotations

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
    assert requests.post(f"{endpoints.rest_url}/auth/register", json=account, timeout=10).ok

    def attempt(password: str) -> requests.Response:
        body = {"username": name, "password": password}
        return requests.post(f"{endpoints.rest_url}/auth/login", json=body, timeout=30)

    tries = 3 * LoginLimits().failures_per_account
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(r.status_code for r in pool.map(attempt, ["wrong"] * tries))
    assert set(statuses) <= {401, 429}
    assert 429 in statuses
    locked = attempt(PASSWORD)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
    assert locked.json()["error"]["code"] == "rate_limited"

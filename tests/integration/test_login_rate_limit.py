"""Repeated failed logins answer 429 with ``Retry-After``, through the real app: per account
(whatever the password once locked) and per source address."""

from __future__ import annotations

from core.login_attempts.rules import LoginLimits
from tests.support.accounts_api import register
from tests.support.events import LambdaContext, response_json, rest_event

LIMITS = LoginLimits()


def login(app, username, password, source_ip="198.51.100.10"):
    event = rest_event("POST", "/auth/login", body={"username": username, "password": password})
    event["requestContext"]["identity"]["sourceIp"] = source_ip
    response = app(event, LambdaContext())
    return response["statusCode"], response_json(response), response.get("headers", {})


def test_an_account_is_locked_after_its_limit_even_for_the_right_password(chalice_app):
    register(chalice_app, "ada")
    statuses = [
        login(chalice_app, "ada", "wrong password")[0] for _ in range(LIMITS.failures_per_account)
    ]
    assert statuses == [401] * (LIMITS.failures_per_account - 1) + [429]
    status, data, headers = login(chalice_app, "ADA@example.com", "correct horse", "192.0.2.99")
    assert (status, data["error"]["code"]) == (429, "rate_limited")
    assert 0 < int(headers["Retry-After"]) <= LIMITS.lockout.total_seconds()
    assert str(headers["Retry-After"]) in data["error"]["message"]


def test_unknown_accounts_lock_like_real_ones(chalice_app):
    outcomes = [
        login(chalice_app, "nobody", "guess")[0] for _ in range(LIMITS.failures_per_account + 1)
    ]
    assert outcomes[-2:] == [429, 429]


def test_a_source_address_is_locked_after_its_limit_across_accounts(chalice_app):
    register(chalice_app, "grace")
    for n in range(LIMITS.failures_per_source):
        login(chalice_app, f"user{n}", "guess", source_ip="203.0.113.5")
    assert login(chalice_app, "grace", "correct horse", "203.0.113.5")[0] == 429
    assert login(chalice_app, "grace", "correct horse", "203.0.113.6")[0] == 200


def test_a_good_login_resets_the_accounts_count(chalice_app):
    register(chalice_app, "alan")
    for _ in range(2):
        for _ in range(LIMITS.failures_per_account - 1):
            assert login(chalice_app, "alan", "wrong")[0] == 401
        assert login(chalice_app, "alan", "correct horse")[0] == 200

from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Chalice

from infra.local_runtime.authorizer import (
    AuthorizationFailed,
    evaluate,
    failure_of,
    method_arn,
    policy_allows,
    token_event,
)
from infra.local_runtime.authorizer_cache import AuthorizerCache, ttl_of
from infra.local_runtime.rest_events import Gateway

GATEWAY = Gateway("abc123defg", "local", "123456789012", "us-east-1", "127.0.0.1:8000")
ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123defg/local/GET/books/b1"


def policy(effect: str, *resources: str) -> dict[str, Any]:
    statement = {"Action": "execute-api:Invoke", "Effect": effect, "Resource": list(resources)}
    return {"Version": "2012-10-17", "Statement": [statement]}


def test_method_arn_names_the_request() -> None:
    assert method_arn(GATEWAY, "GET", "/books/b1") == ARN
    assert method_arn(GATEWAY, "GET", "/").endswith("/local/GET//")


def test_token_event_is_a_token_authorizer_event() -> None:
    assert token_event("Bearer t", ARN) == {
        "type": "TOKEN",
        "authorizationToken": "Bearer t",
        "methodArn": ARN,
    }


@pytest.mark.parametrize(
    ("document", "allowed"),
    [
        (policy("Allow", ARN), True),
        (policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc123defg/local/*/*"), True),
        (policy("Allow", "arn:aws:execute-api:*:*:abc123defg/local/GET/books/?1"), True),
        (
            policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:abc123defg/local/POST/*"),
            False,
        ),
        (policy("Deny", ARN), False),
        (
            {"Statement": [*policy("Allow", "*")["Statement"], *policy("Deny", ARN)["Statement"]]},
            False,
        ),
        ({"Statement": []}, False),
    ],
)
def test_policy_evaluation(document: dict[str, Any], allowed: bool) -> None:
    assert policy_allows(document, ARN) is allowed


def test_an_allowing_result_becomes_the_authorizer_context() -> None:
    result = {"principalId": "u1", "policyDocument": policy("Allow", ARN), "context": {"role": "x"}}
    assert evaluate(result, ARN, 3).context == {
        "role": "x",
        "principalId": "u1",
        "integrationLatency": 3,
    }


def test_a_policy_that_does_not_allow_the_request_is_a_403() -> None:
    result = {"principalId": "u1", "policyDocument": policy("Allow", ARN + "/other")}
    with pytest.raises(AuthorizationFailed) as failure:
        evaluate(result, ARN)
    assert failure.value.response_type == "ACCESS_DENIED"


@pytest.mark.parametrize(
    "result",
    [
        None,
        {"policyDocument": policy("Allow", ARN)},
        {"principalId": "u1"},
        {"principalId": "u1", "policyDocument": policy("Allow", ARN), "context": {"a": [1]}},
    ],
)
def test_a_malformed_result_is_a_configuration_error(result: Any) -> None:
    with pytest.raises(AuthorizationFailed) as failure:
        evaluate(result, ARN)
    assert failure.value.response_type == "AUTHORIZER_CONFIGURATION_ERROR"


def test_raising_unauthorized_is_a_401_and_anything_else_a_500() -> None:
    assert failure_of(Exception("Unauthorized")).response_type == "UNAUTHORIZED"
    assert failure_of(ValueError("boom")).response_type == "AUTHORIZER_CONFIGURATION_ERROR"


def test_cached_results_last_their_ttl() -> None:
    now = [100.0]
    cache = AuthorizerCache(clock=lambda: now[0])
    result = {"principalId": "u1", "policyDocument": policy("Allow", ARN)}
    cache.put("auth", "Bearer a", result, 60)
    cache.put("auth", "Bearer b", result, 0)  # ttl 0: not cached
    assert cache.get("auth", "Bearer a") == result
    assert cache.get("other", "Bearer a") is None
    assert cache.get("auth", "Bearer b") is None
    now[0] += 59.9
    assert cache.get("auth", "Bearer a") == result
    now[0] += 0.1
    assert cache.get("auth", "Bearer a") is None


@pytest.mark.parametrize(("declared", "ttl"), [(0, 0), (60, 60), (None, 300)])
def test_the_ttl_is_the_declared_one_or_api_gateways_default(
    declared: int | None, ttl: int
) -> None:
    app = Chalice("ttl")

    @app.authorizer(ttl_seconds=declared)
    def auth(request: Any) -> Any:
        return None

    assert ttl_of(auth) == ttl

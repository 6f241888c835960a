"""The REST gateway's own errors come from the packaged API's gateway responses."""

from __future__ import annotations

import json

import pytest

from infra.local_runtime.gateway_errors import (
    DEFAULT_STATUS,
    LAMBDA_ERROR,
    error_response,
    resolve,
    rest_error,
)
from infra.template.gateway_responses import openapi_gateway_responses

PACKAGED = openapi_gateway_responses()


def packaged_body(response_type: str) -> object:
    return json.loads(PACKAGED[response_type]["responseTemplates"]["application/json"])


@pytest.mark.parametrize(
    ("response_type", "status", "code"),
    [
        ("UNAUTHORIZED", 401, "unauthorized"),
        ("ACCESS_DENIED", 403, "forbidden"),
        ("MISSING_AUTHENTICATION_TOKEN", 404, "not_found"),
        ("REQUEST_TOO_LARGE", 413, "payload_too_large"),
        ("THROTTLED", 429, "rate_limited"),
    ],
)
def test_a_response_type_of_the_packaged_api_answers_like_it(
    response_type: str, status: int, code: str
) -> None:
    response = rest_error(response_type, "req-1")
    assert response.status == status
    assert response.body is not None
    body = json.loads(bytes(response.body))  # type: ignore[arg-type]
    assert body == packaged_body(response_type)
    assert body["error"]["code"] == code
    assert body["error"]["details"] == []
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["x-amzn-RequestId"] == "req-1"


def test_throttling_says_when_to_retry() -> None:
    assert rest_error("THROTTLED", "r").headers["Retry-After"] == "1"


@pytest.mark.parametrize(
    ("response_type", "status"),
    [
        ("AUTHORIZER_CONFIGURATION_ERROR", None),
        ("AUTHORIZER_FAILURE", None),
        ("INTEGRATION_TIMEOUT", None),
        (LAMBDA_ERROR, 502),
    ],
)
def test_types_without_an_entry_fall_back_to_default_5xx_with_their_status(
    response_type: str, status: int | None
) -> None:
    error, resolved = resolve(response_type, status)
    expected = PACKAGED.get(response_type, PACKAGED["DEFAULT_5XX"])
    assert json.loads(expected["responseTemplates"]["application/json"]) == error.body()
    assert resolved == expected.get("statusCode", status or DEFAULT_STATUS[response_type])


def test_the_integration_timeout_is_a_504() -> None:
    assert rest_error("INTEGRATION_TIMEOUT", "r").status == 504


def test_the_runtimes_own_errors_have_the_contract_shape() -> None:
    response = error_response(503, "unavailable", "Shutting down", "r")
    assert response.body is not None
    assert json.loads(bytes(response.body)) == {  # type: ignore[arg-type]
        "error": {"code": "unavailable", "message": "Shutting down", "details": []}
    }

"""API Gateway's own errors (no route, bad token, throttled...) in the contract's error body.

The same table serves the packaged REST API (``x-amazon-apigateway-gateway-responses``) and
can serve the embedded runtime, so both answer with identical bodies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.adapters.errors import error_body


@dataclass(frozen=True)
class GatewayError:
    response_type: str
    """API Gateway's gateway response type."""
    status: int | None
    """``None`` keeps the status API Gateway chose (the ``DEFAULT_*`` families)."""
    code: str
    message: str
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message)


GATEWAY_ERRORS: tuple[GatewayError, ...] = (
    GatewayError("UNAUTHORIZED", 401, "unauthorized", "A valid bearer token is required."),
    GatewayError("ACCESS_DENIED", 403, "forbidden", "You are not allowed to do this."),
    GatewayError("MISSING_AUTHENTICATION_TOKEN", 404, "not_found", "No such route."),
    GatewayError("REQUEST_TOO_LARGE", 413, "payload_too_large", "The request is too large."),
    GatewayError(
        "THROTTLED",
        429,
        "rate_limited",
        "Too many requests; retry later.",
        headers={"Retry-After": "1"},
    ),
    GatewayError(
        "INTEGRATION_TIMEOUT", 504, "gateway_timeout", "The request took too long to process."
    ),
    GatewayError("DEFAULT_4XX", None, "bad_request", "The request could not be processed."),
    GatewayError("DEFAULT_5XX", None, "internal_error", "Something went wrong on our side."),
)


def gateway_error(response_type: str) -> GatewayError:
    for error in GATEWAY_ERRORS:
        if error.response_type == response_type:
            return error
    raise KeyError(response_type)


def openapi_gateway_responses() -> dict[str, Any]:
    """The ``x-amazon-apigateway-gateway-responses`` extension of the REST API definition.

    In the definition, not as ``AWS::ApiGateway::GatewayResponse`` resources: API Gateway
    applies gateway responses through a deployment, and SAM redeploys the API from its
    definition, dropping responses made outside it.
    """
    responses: dict[str, Any] = {}
    for error in GATEWAY_ERRORS:
        parameters = {"gatewayresponse.header.Content-Type": "'application/json'"}
        for name, value in error.headers.items():
            parameters[f"gatewayresponse.header.{name}"] = f"'{value}'"
        response: dict[str, Any] = {
            "responseParameters": parameters,
            "responseTemplates": {
                "application/json": json.dumps(error.body(), separators=(",", ":"))
            },
        }
        if error.status is not None:
            response["statusCode"] = error.status
        responses[error.response_type] = response
    return responses

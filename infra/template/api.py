"""Overrides of Chalice's REST and WebSocket APIs: throttling and gateway responses."""

from __future__ import annotations

from typing import Any

from infra.template.gateway_responses import openapi_gateway_responses
from infra.template.stages import StageSettings


def rest_api_override(settings: StageSettings) -> dict[str, Any]:
    throttle = settings.rest_throttle
    return {
        "Properties": {
            "MethodSettings": [
                {
                    "ResourcePath": "/*",
                    "HttpMethod": "*",
                    "ThrottlingRateLimit": throttle.rate_per_second,
                    "ThrottlingBurstLimit": throttle.burst,
                    "MetricsEnabled": True,
                }
            ],
            "DefinitionBody": {
                "x-amazon-apigateway-gateway-responses": openapi_gateway_responses(),
            },
        }
    }


def websocket_stage_override(settings: StageSettings) -> dict[str, Any]:
    throttle = settings.websocket_throttle
    return {
        "Properties": {
            "DefaultRouteSettings": {
                "ThrottlingRateLimit": throttle.rate_per_second,
                "ThrottlingBurstLimit": throttle.burst,
            }
        }
    }

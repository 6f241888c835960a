"""Overrides of Chalice's REST and WebSocket APIs: throttling, gateway responses, and the
WebSocket stage deploying itself (``AutoDeploy``) instead of Chalice's explicit deployment."""

from __future__ import annotations

from typing import Any

from infra.template import names
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
            "AutoDeploy": True,
            "DefaultRouteSettings": {
                "ThrottlingRateLimit": throttle.rate_per_second,
                "ThrottlingBurstLimit": throttle.burst,
            },
        }
    }


def drop_websocket_deployment(template: dict[str, Any]) -> dict[str, Any]:
    """Chalice's WebSocket API gets an ``AWS::ApiGatewayV2::Deployment`` that its stage
    names; the stage deploys itself instead (``AutoDeploy``, set by the merge template).

    One template for AWS and the emulators: MiniStack does not know that resource type, and
    on AWS ``AutoDeploy`` also redeploys the stage when an update changes routes (Chalice's
    deployment has a fixed logical id, so an update never deployed them again). A merge
    template can add and override but not remove, hence this step after ``chalice package``.
    """
    resources = template["Resources"]
    if resources.pop(names.WEBSOCKET_DEPLOYMENT, None) is None:
        return template
    stage = resources[names.WEBSOCKET_STAGE]["Properties"]
    stage.pop("DeploymentId", None)
    if stage.get("AutoDeploy") is not True:
        raise ValueError(f"{names.WEBSOCKET_STAGE} must deploy itself (AutoDeploy)")
    for resource in resources.values():
        depends = resource.get("DependsOn")
        if isinstance(depends, list) and names.WEBSOCKET_DEPLOYMENT in depends:
            depends.remove(names.WEBSOCKET_DEPLOYMENT)
        elif depends == names.WEBSOCKET_DEPLOYMENT:
            del resource["DependsOn"]
    return template

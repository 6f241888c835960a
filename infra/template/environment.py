"""The environment every packaged function gets: table names, the signing secret, the
WebSocket management endpoint and the stage."""

from __future__ import annotations

from typing import Any

from infra.tables import TABLES
from infra.template import names
from infra.template.access import MANAGEMENT_ENDPOINT_VARIABLE

SECRET_VARIABLE = "JWT_SECRET_ARN"


def function_environment(stage: str) -> dict[str, Any]:
    variables: dict[str, Any] = {spec.env_var: {"Ref": spec.logical_id} for spec in TABLES}
    variables[SECRET_VARIABLE] = {"Ref": names.SIGNING_SECRET}
    variables[MANAGEMENT_ENDPOINT_VARIABLE] = management_endpoint(stage)
    variables["STAGE"] = stage
    return variables


def management_endpoint(stage: str) -> dict[str, Any]:
    """The ``@connections`` endpoint of the stage's WebSocket API.

    On AWS: ``https://{api-id}.execute-api.{region}.amazonaws.com/{stage}``. With the
    ``Target`` parameter set to ``localstack``, LocalStack's execute-api host instead.
    """
    on_aws = {
        "Fn::Sub": (
            f"https://${{{names.WEBSOCKET_API}}}.execute-api.${{AWS::Region}}"
            f".${{AWS::URLSuffix}}/{stage}"
        )
    }
    on_localstack = {
        "Fn::Sub": (
            f"http://${{{names.WEBSOCKET_API}}}.execute-api.localhost.localstack.cloud:4566/{stage}"
        )
    }
    return {"Fn::If": [names.ON_LOCALSTACK, on_localstack, on_aws]}

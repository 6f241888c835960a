"""The stage's URLs on every target, derived from the deployed APIs' ids.

On AWS: ``https://{api-id}.execute-api.{region}.amazonaws.com/{stage}``. On an emulator
(``Target`` ``ministack`` or ``localstack``), the path form both serve on their edge
endpoint, ``{EmulatorEndpoint}/_aws/execute-api/{api-id}/{stage}``: no host name that only
resolves with outside DNS (``*.execute-api.localhost...``). ``EmulatorEndpoint`` is the
emulator as the *functions* reach it (``http://localhost:4566`` for MiniStack, whose
functions run on the host).
"""

from __future__ import annotations

from typing import Any

from infra.template import names

EMULATOR_PATH = "/_aws/execute-api"


def execute_api_url(api: str, stage: str, aws_scheme: str, suffix: str = "") -> dict[str, Any]:
    """``Fn::If`` between the AWS host name and the emulator path of the API ``api``
    (a logical id); ``wss`` APIs get ``ws`` on the emulator (whose endpoint is plain HTTP)."""
    on_aws = {
        "Fn::Sub": (
            f"{aws_scheme}://${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}"
            f"/{stage}{suffix}"
        )
    }
    path = f"{EMULATOR_PATH}/${{{api}}}/{stage}{suffix}"
    endpoint = names.EMULATOR_ENDPOINT_PARAMETER
    if aws_scheme == "wss":
        host = {"Fn::Select": [1, {"Fn::Split": ["://", {"Ref": endpoint}]}]}
        on_emulator: dict[str, Any] = {"Fn::Sub": [f"ws://${{Host}}{path}", {"Host": host}]}
    else:
        on_emulator = {"Fn::Sub": f"${{{endpoint}}}{path}"}
    return {"Fn::If": [names.ON_AWS, on_aws, on_emulator]}


def management_endpoint(stage: str) -> dict[str, Any]:
    """The ``@connections`` endpoint of the stage's WebSocket API (what the functions post to)."""
    return execute_api_url(names.WEBSOCKET_API, stage, "https")


def endpoint_outputs(stage: str, has_websocket: bool) -> dict[str, Any]:
    """Chalice's ``EndpointURL`` and ``WebsocketConnectEndpointURL`` outputs, right on every
    target, and the management endpoint."""
    result: dict[str, Any] = {
        "EndpointURL": {"Value": execute_api_url(names.REST_API, stage, "https", "/")}
    }
    if has_websocket:
        result["WebsocketConnectEndpointURL"] = {
            "Value": execute_api_url(names.WEBSOCKET_API, stage, "wss", "/")
        }
        result["WebsocketManagementEndpoint"] = {"Value": management_endpoint(stage)}
    return result


def parameters() -> dict[str, Any]:
    return {
        names.TARGET_PARAMETER: {
            "Type": "String",
            "AllowedValues": list(names.TARGETS),
            "Default": "aws",
            "Description": "Where the stack runs: AWS or an emulator (its execute-api URLs).",
        },
        names.EMULATOR_ENDPOINT_PARAMETER: {
            "Type": "String",
            "Default": "http://localhost:4566",
            "AllowedPattern": "^https?://[^/]+$",
            "Description": "On an emulator: its edge endpoint as the functions reach it.",
        },
    }


def conditions() -> dict[str, Any]:
    return {names.ON_AWS: {"Fn::Equals": [{"Ref": names.TARGET_PARAMETER}, "aws"]}}

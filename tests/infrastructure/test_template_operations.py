"""What every function gets (layer, environment, log group, alarms) and the APIs' settings
(throttling, gateway responses in the contract's error body)."""

from __future__ import annotations

import json

import pytest

from infra.tables import TABLES
from infra.template.gateway_responses import GATEWAY_ERRORS
from tests.infrastructure.queries import functions, resources_of

pytestmark = pytest.mark.packaged


def test_every_function_runs_python_311_with_the_core_layer(template):
    layer = template["Resources"]["CoreLayer"]
    assert layer["Type"] == "AWS::Serverless::LayerVersion"
    assert layer["Properties"]["ContentUri"] == "./layer.zip"
    assert layer["Properties"]["CompatibleRuntimes"] == ["python3.11"]
    for name, function in functions(template).items():
        properties = function["Properties"]
        assert properties["Layers"] == [{"Ref": "CoreLayer"}], name
        assert properties["Runtime"] == "python3.11"
        assert properties["CodeUri"] == "./deployment.zip"


def test_every_function_learns_tables_secret_endpoint_and_stage(template):
    for name, function in functions(template).items():
        variables = function["Properties"]["Environment"]["Variables"]
        for spec in TABLES:
            assert variables[spec.env_var] == {"Ref": spec.logical_id}, name
        assert variables["JWT_SECRET_ARN"] == {"Ref": "JwtSigningSecret"}
        assert "JWT_SECRET_PARAMETER" not in variables
        assert "JWT_SECRET_FILE" not in variables
        assert variables["STAGE"] == "dev"
        assert (
            variables["WEBSOCKET_MANAGEMENT_ENDPOINT"]
            == template["Outputs"]["WebsocketManagementEndpoint"]["Value"]
        )


def test_every_function_has_a_log_group_with_retention(template, prod_template):
    for stage_template, days in ((template, 14), (prod_template, 90)):
        groups = {
            group["Properties"]["LogGroupName"]: group["Properties"]["RetentionInDays"]
            for group in resources_of(stage_template, "AWS::Logs::LogGroup").values()
        }
        for name, function in functions(stage_template).items():
            log_name = f"/aws/lambda/{function['Properties']['FunctionName']}"
            assert groups.get(log_name) == days, name
            assert f"{name}LogGroup" in function["DependsOn"]


def test_every_function_alarms_on_errors_and_throttles(template):
    alarms = resources_of(template, "AWS::CloudWatch::Alarm").values()
    watched = {
        (
            alarm["Properties"]["MetricName"],
            alarm["Properties"]["Dimensions"][0]["Value"].get("Ref"),
        )
        for alarm in alarms
        if alarm["Properties"]["Namespace"] == "AWS/Lambda"
    }
    for name in functions(template):
        assert ("Errors", name) in watched
        assert ("Throttles", name) in watched
    for alarm in alarms:
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}]


def test_rest_api_throttles_every_method(template):
    (settings,) = template["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert (settings["ResourcePath"], settings["HttpMethod"]) == ("/*", "*")
    assert settings["ThrottlingRateLimit"] > 0
    assert settings["ThrottlingBurstLimit"] > 0


def test_websocket_stage_throttles_every_route(template):
    route_settings = template["Resources"]["WebsocketAPIStage"]["Properties"][
        "DefaultRouteSettings"
    ]
    assert route_settings["ThrottlingRateLimit"] > 0
    assert route_settings["ThrottlingBurstLimit"] > 0


@pytest.mark.parametrize(
    ("response_type", "status", "code"),
    [
        ("UNAUTHORIZED", 401, "unauthorized"),
        ("ACCESS_DENIED", 403, "forbidden"),
        ("MISSING_AUTHENTICATION_TOKEN", 404, "not_found"),
        ("REQUEST_TOO_LARGE", 413, "payload_too_large"),
        ("THROTTLED", 429, "rate_limited"),
        ("DEFAULT_5XX", None, "internal_error"),
    ],
)
def test_gateway_errors_use_the_contract_error_body(template, response_type, status, code):
    definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    response = definition["x-amazon-apigateway-gateway-responses"][response_type]
    assert response.get("statusCode") == status
    body = json.loads(response["responseTemplates"]["application/json"])
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["details"] == []
    assert response["responseParameters"]["gatewayresponse.header.Content-Type"] == (
        "'application/json'"
    )


def test_throttled_responses_say_when_to_retry(template):
    definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    response = definition["x-amazon-apigateway-gateway-responses"]["THROTTLED"]
    assert response["responseParameters"]["gatewayresponse.header.Retry-After"] == "'1'"


def test_every_gateway_error_is_in_the_definition(template):
    definition = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    assert set(definition["x-amazon-apigateway-gateway-responses"]) == {
        error.response_type for error in GATEWAY_ERRORS
    }

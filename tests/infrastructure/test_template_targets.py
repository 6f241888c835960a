"""One template for AWS and the emulators: the WebSocket stage deploys itself, and every
URL (REST, WebSocket, the functions' @connections endpoint) follows the ``Target``."""

from __future__ import annotations

import copy
import json

import pytest

from infra.template.api import drop_websocket_deployment
from tests.infrastructure.queries import resources_of

AWS_HOST = "${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/dev"


@pytest.mark.packaged
def test_the_websocket_stage_deploys_itself_without_a_deployment_resource(template):
    assert resources_of(template, "AWS::ApiGatewayV2::Deployment") == {}
    [stage] = resources_of(template, "AWS::ApiGatewayV2::Stage").values()
    assert stage["Properties"]["AutoDeploy"] is True
    assert "DeploymentId" not in stage["Properties"]
    assert "WebsocketAPIDeployment" not in json.dumps(template)


@pytest.mark.packaged
def test_the_target_parameter_names_aws_and_the_emulators(template):
    target = template["Parameters"]["Target"]
    assert target["AllowedValues"] == ["aws", "ministack", "localstack"]
    assert target["Default"] == "aws"
    assert template["Conditions"]["OnAws"] == {"Fn::Equals": [{"Ref": "Target"}, "aws"]}
    assert template["Parameters"]["EmulatorEndpoint"]["Default"] == "http://localhost:4566"


@pytest.mark.packaged
@pytest.mark.parametrize(
    ("output", "api", "aws_scheme", "emulator"),
    [
        ("EndpointURL", "RestAPI", "https", "${EmulatorEndpoint}/_aws/execute-api/${RestAPI}/dev/"),
        (
            "WebsocketManagementEndpoint",
            "WebsocketAPI",
            "https",
            "${EmulatorEndpoint}/_aws/execute-api/${WebsocketAPI}/dev",
        ),
    ],
)
def test_urls_are_the_aws_host_or_the_emulators_path(template, output, api, aws_scheme, emulator):
    condition, on_aws, on_emulator = template["Outputs"][output]["Value"]["Fn::If"]
    assert condition == "OnAws"
    assert on_aws["Fn::Sub"].startswith(f"{aws_scheme}://" + AWS_HOST.format(api=api))
    assert on_emulator == {"Fn::Sub": emulator}


@pytest.mark.packaged
def test_the_websocket_url_is_ws_on_the_emulator(template):
    _, on_aws, on_emulator = template["Outputs"]["WebsocketConnectEndpointURL"]["Value"]["Fn::If"]
    assert on_aws["Fn::Sub"] == "wss://" + AWS_HOST.format(api="WebsocketAPI") + "/"
    pattern, variables = on_emulator["Fn::Sub"]
    assert pattern == "ws://${Host}/_aws/execute-api/${WebsocketAPI}/dev/"
    assert variables["Host"]["Fn::Select"][1]["Fn::Split"] == ["://", {"Ref": "EmulatorEndpoint"}]


@pytest.mark.packaged
def test_no_url_needs_a_host_name_resolved_outside_the_machine(template, prod_template):
    for packaged in (template, prod_template):
        text = json.dumps(packaged)
        assert "localstack.cloud" not in text
        assert ".execute-api.localhost" not in text


def test_dropping_the_deployment_also_drops_what_refers_to_it():
    template = {
        "Resources": {
            "WebsocketAPIDeployment": {"Type": "AWS::ApiGatewayV2::Deployment"},
            "WebsocketAPIStage": {
                "Type": "AWS::ApiGatewayV2::Stage",
                "Properties": {
                    "DeploymentId": {"Ref": "WebsocketAPIDeployment"},
                    "AutoDeploy": True,
                },
            },
            "A": {"Type": "X", "DependsOn": ["WebsocketAPIDeployment", "B"]},
            "B": {"Type": "X", "DependsOn": "WebsocketAPIDeployment"},
        }
    }
    resources = drop_websocket_deployment(copy.deepcopy(template))["Resources"]
    assert set(resources) == {"WebsocketAPIStage", "A", "B"}
    assert resources["WebsocketAPIStage"]["Properties"] == {"AutoDeploy": True}
    assert resources["A"]["DependsOn"] == ["B"]
    assert "DependsOn" not in resources["B"]


def test_a_stage_that_would_not_deploy_itself_is_refused():
    template = {
        "Resources": {
            "WebsocketAPIDeployment": {"Type": "AWS::ApiGatewayV2::Deployment"},
            "WebsocketAPIStage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {}},
        }
    }
    with pytest.raises(ValueError, match="AutoDeploy"):
        drop_websocket_deployment(template)


def test_a_template_without_a_websocket_api_is_left_alone():
    template = {"Resources": {"RestAPI": {"Type": "AWS::Serverless::Api"}}}
    assert drop_websocket_deployment(copy.deepcopy(template)) == template

"""The deploy script: artifacts to S3 under their content hash (moto), and the change-set
flow against a recording CloudFormation fake. The real deploy: ``make deploy-emulator``."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.deploy import deploy_stack, destroy_stack, stack_name, upload_artifacts, upload_template

TEMPLATE: dict[str, Any] = {
    "Resources": {
        "Api": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "./deployment.zip"}},
        "Ws": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "./deployment.zip"}},
        "Layer": {
            "Type": "AWS::Serverless::LayerVersion",
            "Properties": {"ContentUri": "./layer.zip"},
        },
        "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "t"}},
    }
}


@pytest.fixture
def s3(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="artifacts")
        yield client


def test_artifacts_are_uploaded_once_under_their_hash(s3, tmp_path):
    (tmp_path / "deployment.zip").write_bytes(b"code")
    (tmp_path / "layer.zip").write_bytes(b"layer")
    uploaded = upload_artifacts(TEMPLATE, tmp_path, s3, "artifacts", "addressbook/dev")
    code = uploaded["Resources"]["Api"]["Properties"]["CodeUri"]
    assert code.startswith("s3://artifacts/addressbook/dev/")
    assert uploaded["Resources"]["Ws"]["Properties"]["CodeUri"] == code
    assert uploaded["Resources"]["Layer"]["Properties"]["ContentUri"].endswith(".zip")
    assert uploaded["Resources"]["Table"] == TEMPLATE["Resources"]["Table"]
    assert TEMPLATE["Resources"]["Api"]["Properties"]["CodeUri"] == "./deployment.zip"
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket="artifacts")["Contents"]]
    assert len(keys) == 2
    body = s3.get_object(Bucket="artifacts", Key=code.split("artifacts/", 1)[1])["Body"].read()
    assert body == b"code"


def test_the_template_url_is_path_style_on_an_emulator(s3):
    url = upload_template(TEMPLATE, s3, "artifacts", "p", "us-east-1", "http://localhost:4566")
    assert url.startswith("http://localhost:4566/artifacts/p/")
    key = url.split("/artifacts/", 1)[1]
    assert json.loads(s3.get_object(Bucket="artifacts", Key=key)["Body"].read()) == TEMPLATE
    aws = upload_template(TEMPLATE, s3, "artifacts", "p", "eu-west-1", None)
    assert aws.startswith("https://artifacts.s3.eu-west-1.amazonaws.com/p/")


class FakeWaiter:
    def __init__(self, calls, name):
        self.calls, self.name = calls, name

    def wait(self, **kwargs):
        self.calls.append(("wait", self.name))


class FakeCloudFormation:
    def __init__(self, status=None, change_set_status="CREATE_COMPLETE", reason=""):
        self.status, self.calls = status, []
        self.change_set = {"Status": change_set_status, "StatusReason": reason, "Changes": [{}]}

    def describe_stacks(self, **kwargs):
        if self.status is None:
            raise RuntimeError(f"Stack with id {kwargs['StackName']} does not exist")
        return {
            "Stacks": [
                {
                    "StackStatus": self.status,
                    "Outputs": [{"OutputKey": "EndpointURL", "OutputValue": "https://x"}],
                }
            ]
        }

    def create_change_set(self, **kwargs):
        self.calls.append(("create_change_set", kwargs["ChangeSetType"], kwargs["Parameters"]))

    def describe_change_set(self, **kwargs):
        return self.change_set

    def execute_change_set(self, **kwargs):
        self.calls.append(("execute",))
        self.status = "CREATE_COMPLETE"

    def delete_change_set(self, **kwargs):
        self.calls.append(("delete_change_set",))

    def delete_stack(self, **kwargs):
        self.calls.append(("delete_stack",))

    def get_waiter(self, name):
        return FakeWaiter(self.calls, name)


def test_a_new_stack_is_created_through_a_change_set():
    cloudformation = FakeCloudFormation()
    parameters = {"Target": "ministack", "EmulatorEndpoint": "http://localhost:4566"}
    outputs = deploy_stack(cloudformation, "addressbook-dev", "https://t", parameters, "dev")
    target = [
        {"ParameterKey": "Target", "ParameterValue": "ministack"},
        {"ParameterKey": "EmulatorEndpoint", "ParameterValue": "http://localhost:4566"},
    ]
    assert cloudformation.calls == [
        ("create_change_set", "CREATE", target),
        ("execute",),
        ("wait", "stack_create_complete"),
    ]
    assert outputs == {"EndpointURL": "https://x"}


def test_an_unchanged_stack_is_left_alone():
    cloudformation = FakeCloudFormation(
        status="UPDATE_COMPLETE",
        change_set_status="FAILED",
        reason="The submitted information didn't contain changes.",
    )
    deploy_stack(cloudformation, "addressbook-dev", "https://t", {"Target": "aws"}, "dev")
    assert [call[0] for call in cloudformation.calls] == ["create_change_set", "delete_change_set"]


def test_a_failed_change_set_is_an_error():
    cloudformation = FakeCloudFormation(change_set_status="FAILED", reason="bad template")
    with pytest.raises(RuntimeError, match="bad template"):
        deploy_stack(cloudformation, "addressbook-dev", "https://t", {"Target": "aws"}, "dev")


def test_destroy_deletes_the_stage_stack():
    cloudformation = FakeCloudFormation(status="CREATE_COMPLETE")
    destroy_stack(cloudformation, stack_name("dev"))
    assert cloudformation.calls == [("delete_stack",), ("wait", "stack_delete_complete")]
    assert stack_name("prod") == "addressbook-prod"

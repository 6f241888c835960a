"""Every function has its own role with a least-privilege policy: named ARNs, never ``*``."""

from __future__ import annotations

import json

import pytest

from infra.tables import TABLES
from tests.infrastructure.queries import (
    Json,
    actions,
    function_with_handler,
    functions,
    referenced_ids,
    required_statement,
    resources_of,
    role_of,
    statement,
    statements,
    stream_functions,
)

pytestmark = pytest.mark.packaged

GUARDED_SERVICES = ("dynamodb:", "secretsmanager:", "execute-api:", "sqs:", "logs:")


def _table_ids(role: Json) -> set[str]:
    tables = statement(role, "Tables")
    return referenced_ids(tables["Resource"]) if tables else set()


def test_each_function_has_a_role_of_its_own(template):
    roles = [f["Properties"]["Role"]["Fn::GetAtt"][0] for f in functions(template).values()]
    assert len(roles) == len(set(roles))
    assert "DefaultRole" not in template["Resources"]


def test_no_statement_grants_a_wildcard_resource(template):
    for name, role in resources_of(template, "AWS::IAM::Role").items():
        for item in statements(role):
            resources = (
                item["Resource"] if isinstance(item["Resource"], list) else [item["Resource"]]
            )
            assert "*" not in resources, (name, item)
            for resource in resources:
                assert isinstance(resource, dict), (name, item)  # an intrinsic naming a resource
            if any(action.startswith(GUARDED_SERVICES) for action in actions(item)):
                assert referenced_ids(resources) <= set(template["Resources"]), (name, item)
            assert "arn:*" not in json.dumps(resources), (name, item)


def test_table_statements_cover_each_table_and_its_indexes(template):
    for role in resources_of(template, "AWS::IAM::Role").values():
        tables = statement(role, "Tables")
        if tables is None:
            continue
        resources = tables["Resource"]
        for table_id in _table_ids(role):
            assert {"Fn::GetAtt": [table_id, "Arn"]} in resources
            assert {"Fn::Sub": f"${{{table_id}.Arn}}/index/*"} in resources


def test_the_authorizer_reads_only_the_signing_secret(template):
    _, authorizer = function_with_handler(template, "functions.api.authorizer.jwt_authorizer")
    role = role_of(template, authorizer)
    assert {s["Sid"] for s in statements(role)} == {"OwnLogGroup", "SigningSecret"}
    secret = required_statement(role, "SigningSecret")
    assert secret["Resource"] == [{"Ref": "JwtSigningSecret"}]
    assert actions(secret) == ["secretsmanager:GetSecretValue"]


def test_the_rest_handler_uses_every_table_and_the_secret(template):
    _, handler = function_with_handler(template, "app.app")
    role = role_of(template, handler)
    assert _table_ids(role) == {spec.logical_id for spec in TABLES}
    assert statement(role, "SigningSecret") is not None


@pytest.mark.parametrize(
    "handler", ["app.websocket_connect", "app.websocket_disconnect", "app.websocket_message"]
)
def test_websocket_functions_use_connections_secret_and_management_api(template, handler):
    _, function = function_with_handler(template, handler)
    role = role_of(template, function)
    assert _table_ids(role) == {"SocketsTable"}
    assert statement(role, "SigningSecret") is not None
    manage = required_statement(role, "ManageConnections")
    assert actions(manage) == ["execute-api:ManageConnections"]
    arns = {resource["Fn::Sub"] for resource in manage["Resource"]}
    prefix = (
        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPI}/dev"
    )
    assert arns == {f"{prefix}/{method}/@connections/*" for method in ("POST", "GET", "DELETE")}


def test_the_broadcaster_reads_its_stream_and_posts_to_connections(template):
    _, broadcaster = function_with_handler(template, "app.broadcaster")
    role = role_of(template, broadcaster)
    assert {"SocketsTable", "BooksTable"} <= _table_ids(role)
    assert statement(role, "ManageConnections") is not None
    assert statement(role, "SigningSecret") is None


def test_stream_functions_read_only_their_own_stream_and_queue(template):
    for name, function in stream_functions(template).items():
        role = role_of(template, function)
        events = function["Properties"]["Events"].values()
        table_ids = [event["Properties"]["Stream"]["Fn::GetAtt"][0] for event in events]
        stream = required_statement(role, "SourceStream")
        expected = [{"Fn::Sub": f"${{{t}.Arn}}/stream/*"} for t in sorted(table_ids)]
        assert sorted(stream["Resource"], key=lambda r: r["Fn::Sub"]) == expected, name
        assert "dynamodb:GetRecords" in actions(stream)
        queue = required_statement(role, "OnFailureQueue")
        assert queue["Resource"] == [{"Fn::GetAtt": [f"{name}FailureQueue", "Arn"]}]
        assert actions(queue) == ["sqs:SendMessage"]


def test_only_stream_functions_read_streams(template):
    streaming = set(stream_functions(template))
    for name, function in functions(template).items():
        has_stream = statement(role_of(template, function), "SourceStream") is not None
        assert has_stream == (name in streaming), name


def test_logs_go_only_to_the_functions_own_log_group(template):
    for name, function in functions(template).items():
        logs = required_statement(role_of(template, function), "OwnLogGroup")
        function_name = function["Properties"]["FunctionName"]
        assert logs["Resource"][0]["Fn::Sub"].endswith(f":log-group:/aws/lambda/{function_name}:*")
        assert "logs:CreateLogGroup" not in actions(logs), name

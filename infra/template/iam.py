"""One least-privilege policy per function role: its log group, its tables (and their
indexes), its source streams, the signing secret, ``@connections`` of this stage's WebSocket
API and its on-failure queue — each by ARN, never ``*``."""

from __future__ import annotations

from typing import Any

from infra.tables import TABLES
from infra.template import names
from infra.template.access import FunctionAccess
from infra.template.functions import AppFunction

DATA_ACTIONS = [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
]
STREAM_ACTIONS = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
]
CONNECTION_METHODS = ("POST", "GET", "DELETE")


def role_policy(
    function: AppFunction, access: FunctionAccess, function_name: str, stage: str
) -> dict[str, Any]:
    statements = [_logs(function_name)]
    tables = [spec for spec in TABLES if spec.key in access.tables]
    if tables:
        resources: list[Any] = []
        for spec in tables:
            resources.append({"Fn::GetAtt": [spec.logical_id, "Arn"]})
            resources.append({"Fn::Sub": f"${{{spec.logical_id}.Arn}}/index/*"})
        statements.append(_allow("Tables", DATA_ACTIONS, resources))
    if function.streams:
        streams = [
            {"Fn::Sub": f"${{{source.table.logical_id}.Arn}}/stream/*"}
            for source in function.streams
        ]
        statements.append(_allow("SourceStream", STREAM_ACTIONS, streams))
        queue = {"Fn::GetAtt": [names.failure_queue(function.logical_id), "Arn"]}
        statements.append(_allow("OnFailureQueue", ["sqs:SendMessage"], [queue]))
    if access.signing_secret:
        statements.append(
            _allow(
                "SigningSecret",
                ["secretsmanager:GetSecretValue"],
                [{"Ref": names.SIGNING_SECRET}],
            )
        )
    if access.manage_connections:
        statements.append(
            _allow("ManageConnections", ["execute-api:ManageConnections"], _connections(stage))
        )
    return {
        "PolicyName": f"{function.role_id}Policy",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
    }


def _logs(function_name: str) -> dict[str, Any]:
    arn = (
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}"
        f":log-group:/aws/lambda/{function_name}:*"
    )
    return _allow("OwnLogGroup", ["logs:CreateLogStream", "logs:PutLogEvents"], [{"Fn::Sub": arn}])


def _connections(stage: str) -> list[Any]:
    return [
        {
            "Fn::Sub": (
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}"
                f":${{{names.WEBSOCKET_API}}}/{stage}/{method}/@connections/*"
            )
        }
        for method in CONNECTION_METHODS
    ]


def _allow(sid: str, actions: list[str], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}

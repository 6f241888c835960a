"""Every table of ``infra/tables.py`` as an ``AWS::DynamoDB::Table`` resource."""

from __future__ import annotations

from typing import Any

from infra.tables import TABLES, TableSpec, create_table_request
from infra.template.stages import StageSettings


def table_resources(stage: str, settings: StageSettings) -> dict[str, Any]:
    return {spec.logical_id: table_resource(spec, stage, settings) for spec in TABLES}


def table_resource(spec: TableSpec, stage: str, settings: StageSettings) -> dict[str, Any]:
    # The same request the embedded runtime and the tests create tables with, in CFN's words.
    properties = create_table_request(spec, spec.physical_name(stage))
    properties.pop("StreamSpecification", None)
    if spec.stream:
        properties["StreamSpecification"] = {"StreamViewType": spec.stream}
    if spec.ttl_attribute:
        properties["TimeToLiveSpecification"] = {
            "AttributeName": spec.ttl_attribute,
            "Enabled": True,
        }
    properties["PointInTimeRecoverySpecification"] = {
        "PointInTimeRecoveryEnabled": settings.point_in_time_recovery
    }
    properties["DeletionProtectionEnabled"] = settings.protect_data
    properties["Tags"] = [{"Key": "stage", "Value": stage}, {"Key": "table", "Value": spec.key}]
    policy = "Retain" if settings.protect_data else "Delete"
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": policy,
        "UpdateReplacePolicy": policy,
        "Properties": properties,
    }


def table_arn(spec: TableSpec) -> dict[str, Any]:
    return {"Fn::GetAtt": [spec.logical_id, "Arn"]}


def stream_arn(spec: TableSpec) -> dict[str, Any]:
    return {"Fn::GetAtt": [spec.logical_id, "StreamArn"]}

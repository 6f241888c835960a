"""The merge template handed to ``chalice package --merge-template``.

Built from ``infra/tables.py``, ``infra/stream_mappings.py``, the stage's settings and the
Chalice app itself, over the template Chalice generates without it (``base``): every function
found there gets its name, layer, environment, role policy, log group and alarms; stream
functions get their mapping settings and on-failure queue.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice

from infra.stream_mappings import STREAM_MAPPING
from infra.template import names
from infra.template.access import access_of
from infra.template.api import (
    drop_websocket_deployment,
    rest_api_override,
    websocket_stage_override,
)
from infra.template.dynamodb import table_resources
from infra.template.endpoints import conditions, endpoint_outputs, parameters
from infra.template.environment import function_environment
from infra.template.functions import AppFunction, Template, app_functions
from infra.template.iam import role_policy
from infra.template.monitoring import alarm_topic, function_alarms, log_group
from infra.template.stages import StageSettings, stage_settings
from infra.template.streams import failure_queue, mapping_overrides

SECRET_LENGTH = 64


class MergeConflict(RuntimeError):
    """A resource the merge template adds already exists in Chalice's template."""


def merge_template(app: Chalice, base: Template, stage: str) -> Template:
    settings = stage_settings(stage)
    resources: dict[str, Any] = {}
    added: dict[str, Any] = {
        **table_resources(stage, settings),
        names.SIGNING_SECRET: signing_secret(stage, settings),
        names.CORE_LAYER: core_layer(stage, settings),
        names.ALARM_TOPIC: alarm_topic(stage),
    }
    overridden: dict[str, Any] = {}
    for function in app_functions(app, base):
        name = names.function_name(stage, function.name)
        if function.role_id in overridden:
            raise MergeConflict(f"{function.role_id} is shared; give each function its own role")
        overridden[function.logical_id] = function_override(function, name, stage, settings)
        access = access_of(function, app)
        overridden[function.role_id] = {
            "Properties": {"Policies": [role_policy(function, access, name, stage)]}
        }
        added[names.log_group(function.logical_id)] = log_group(name, settings.log_retention_days)
        added.update(function_alarms(function.logical_id, name, bool(function.streams)))
        if function.streams:
            added[names.failure_queue(function.logical_id)] = failure_queue(stage)
    if names.REST_API in base["Resources"]:
        overridden[names.REST_API] = rest_api_override(settings)
    if names.WEBSOCKET_STAGE in base["Resources"]:
        overridden[names.WEBSOCKET_STAGE] = websocket_stage_override(settings)
    clashes = sorted(set(added) & set(base["Resources"]))
    if clashes:
        raise MergeConflict(f"resources already in Chalice's template: {clashes}")
    resources.update(added)
    resources.update(overridden)
    return {
        "Parameters": parameters(),
        "Conditions": conditions(),
        "Resources": resources,
        "Outputs": outputs(),
    }


def function_override(
    function: AppFunction, name: str, stage: str, settings: StageSettings
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": settings.lambda_runtime,
        "Architectures": [settings.architecture],
        "Layers": [{"Ref": names.CORE_LAYER}],
        "Environment": {"Variables": function_environment(stage)},
    }
    if function.streams:
        properties["Events"] = mapping_overrides(
            function.logical_id, function.streams, STREAM_MAPPING
        )
    return {"DependsOn": [names.log_group(function.logical_id)], "Properties": properties}


def signing_secret(stage: str, settings: StageSettings) -> dict[str, Any]:
    policy = "Retain" if settings.protect_data else "Delete"
    return {
        "Type": "AWS::SecretsManager::Secret",
        "DeletionPolicy": policy,
        "UpdateReplacePolicy": policy,
        "Properties": {
            "Name": f"addressbook/{stage}/jwt-signing-secret",
            "Description": "Signs access tokens and list cursors (HS256).",
            "GenerateSecretString": {
                "PasswordLength": SECRET_LENGTH,
                "ExcludePunctuation": True,
                "IncludeSpace": False,
            },
        },
    }


def core_layer(stage: str, settings: StageSettings) -> dict[str, Any]:
    return {
        "Type": "AWS::Serverless::LayerVersion",
        "Properties": {
            "LayerName": f"addressbook-{stage}-core",
            "Description": "layers/python/core and the pinned runtime dependencies",
            "ContentUri": f"./{names.LAYER_FILE}",
            "CompatibleRuntimes": [settings.lambda_runtime],
            "CompatibleArchitectures": [settings.architecture],
            "RetentionPolicy": "Delete",
        },
    }


def outputs() -> dict[str, Any]:
    return {
        "SigningSecretArn": {"Value": {"Ref": names.SIGNING_SECRET}},
        "AlarmTopicArn": {"Value": {"Ref": names.ALARM_TOPIC}},
        "CoreLayerArn": {"Value": {"Ref": names.CORE_LAYER}},
    }


def finish_template(template: Template, stage: str) -> Template:
    """What a merge template cannot do (it adds and overrides, never removes or replaces):
    drop Chalice's WebSocket deployment (``drop_websocket_deployment``) and replace the URL
    outputs with ones right on every target."""
    drop_websocket_deployment(template)
    template["Outputs"].update(
        endpoint_outputs(stage, names.WEBSOCKET_API in template["Resources"])
    )
    return template

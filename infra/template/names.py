"""Logical ids and physical names of the resources the merge template adds.

Chalice names its own resources (``APIHandler``, ``RestAPI``, ``WebsocketAPI``...); the
functions' ids are read from its template, never written down here.
"""

from __future__ import annotations

from infra.tables import APP_NAME

SIGNING_SECRET = "JwtSigningSecret"
CORE_LAYER = "CoreLayer"
ALARM_TOPIC = "AlarmTopic"
REST_API = "RestAPI"
WEBSOCKET_API = "WebsocketAPI"
WEBSOCKET_STAGE = "WebsocketAPIStage"
WEBSOCKET_DEPLOYMENT = "WebsocketAPIDeployment"
TARGET_PARAMETER = "Target"
TARGETS = ("aws", "ministack", "localstack")
"""Where the stack runs (the template parameter ``Target``); every emulator is addressed alike."""
EMULATOR_ENDPOINT_PARAMETER = "EmulatorEndpoint"
ON_AWS = "OnAws"

LAYER_FILE = "layer.zip"
"""The layer zip, next to the template (``ContentUri``)."""
MAX_FUNCTION_NAME = 64


def function_name(stage: str, handler_name: str) -> str:
    """Chalice's own naming (``addressbook-dev-websocket_connect``), fixed in the template so
    log groups and IAM policies can name the function without a dependency cycle."""
    name = f"{APP_NAME}-{stage}-{handler_name}"
    if len(name) > MAX_FUNCTION_NAME:
        raise ValueError(f"function name {name!r} is longer than {MAX_FUNCTION_NAME} characters")
    return name


def log_group(function_id: str) -> str:
    return f"{function_id}LogGroup"


def errors_alarm(function_id: str) -> str:
    return f"{function_id}ErrorsAlarm"


def throttles_alarm(function_id: str) -> str:
    return f"{function_id}ThrottlesAlarm"


def iterator_age_alarm(function_id: str) -> str:
    return f"{function_id}IteratorAgeAlarm"


def failure_queue(function_id: str) -> str:
    return f"{function_id}FailureQueue"


def failure_queue_alarm(function_id: str) -> str:
    return f"{function_id}FailureQueueAlarm"

"""Shared fixtures: a moto-backed AWS with every table of ``infra/tables.py`` and the
environment a function sees on the ``test`` stage."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from infra.tables import table_environment
from tests.support.events import REGION, STAGE

TEST_SIGNING_SECRET = "test-signing-secret-" + "x" * 48


@pytest.fixture
def function_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment of every function on the ``test`` stage (cheap argon2 for speed)."""
    secret_file = tmp_path / "jwt-secret"
    secret_file.write_text(TEST_SIGNING_SECRET)
    environment = {
        "STAGE": STAGE,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "JWT_SECRET_FILE": str(secret_file),
        "WEBSOCKET_MANAGEMENT_ENDPOINT": "https://wsapi12345.execute-api.us-east-1.amazonaws.com/test",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST_KIB": "1024",
        "IMPORT_WRITE_PARALLELISM": "1",  # moto is not thread-safe
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_SERVICE_NAME": "addressbook-test",
        **table_environment(STAGE),
    }
    for name in ("DYNAMODB_ENDPOINT_URL", "JWT_SECRET_PARAMETER", "JWT_SECRET_ARN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return environment


@pytest.fixture
def aws(function_environment: dict[str, str]) -> Iterator[None]:
    """moto with every table created from the shared table specs."""
    from infra.tables import create_tables

    with mock_aws():
        create_tables(boto3.client("dynamodb", region_name=REGION), STAGE)
        yield


@pytest.fixture
def fresh_wiring() -> Iterator[None]:
    """Functions build their dependencies once per cold start; each test gets a cold start."""
    from functions.activity import wiring as activity_wiring
    from functions.api import wiring as api_wiring
    from functions.broadcaster import wiring as broadcaster_wiring
    from functions.contact_history import wiring as contact_history_wiring
    from functions.websocket import wiring as websocket_wiring

    wirings = (api_wiring, websocket_wiring, broadcaster_wiring, contact_history_wiring)
    for wiring in (*wirings, activity_wiring):
        wiring.services.cache_clear()
    yield
    for wiring in (*wirings, activity_wiring):
        wiring.services.cache_clear()


@pytest.fixture
def lambda_handlers(aws: None, fresh_wiring: None):
    """The ``app`` module: every Lambda entry point (``app.app``, ``app.websocket_connect``...),
    over moto, with cold-started dependencies."""
    import app as app_module

    return app_module


@pytest.fixture
def chalice_app(lambda_handlers):
    """The REST API entry point of the real Chalice app."""
    return lambda_handlers.app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path) or os.sep + "e2e" + os.sep in str(item.path):
            item.add_marker(pytest.mark.e2e)

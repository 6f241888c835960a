from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from infra.local_runtime.environment import ChaliceConfig, ensure_jwt_secret, function_environment
from infra.local_runtime.settings import parse_settings

CONFIG = {
    "app_name": "demo",
    "lambda_timeout": 30,
    "environment_variables": {"LOG_LEVEL": "INFO", "SHARED": "top"},
    "stages": {
        "local": {
            "api_gateway_stage": "local",
            "lambda_functions": {"api_handler": {"lambda_timeout": 10}},
            "environment_variables": {
                "STAGE": "local",
                "SHARED": "stage",
                "AWS_REGION": "eu-west-1",
            },
        }
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".chalice").mkdir()
    (tmp_path / ".chalice" / "config.json").write_text(json.dumps(CONFIG))
    return tmp_path


def test_options_default_to_environment_variables(tmp_path: Path) -> None:
    environ = {
        "LOCAL_REST_PORT": "9000",
        "LOCAL_WS_PORT": "9001",
        "LOCAL_DYNAMODB_PORT": "9002",
        "LOCAL_STATE_DIR": str(tmp_path),
    }
    settings = parse_settings([], environ)
    assert (settings.rest_port, settings.ws_port, settings.dynamodb_port) == (9000, 9001, 9002)
    assert settings.state_dir == tmp_path
    assert settings.data_dir == tmp_path / "data"
    assert parse_settings(["--rest-port", "7000"], environ).rest_port == 7000


def test_ports_must_differ() -> None:
    with pytest.raises(SystemExit):
        parse_settings(["--rest-port", "7000", "--ws-port", "7000"], {})


def test_stage_configuration(project: Path) -> None:
    config = ChaliceConfig.load(project, "local")
    assert config.environment_variables() == {
        "LOG_LEVEL": "INFO",
        "SHARED": "stage",
        "STAGE": "local",
        "AWS_REGION": "eu-west-1",
    }
    assert config.region == "eu-west-1"
    assert config.api_gateway_stage == "local"
    assert config.function_setting("api_handler", "lambda_timeout", 60) == 10
    assert config.function_setting("other", "lambda_timeout", 60) == 30
    assert config.function_setting("other", "lambda_memory_size", 128) == 128
    with pytest.raises(SystemExit):
        ChaliceConfig.load(project, "nope")


def test_function_environment(project: Path, tmp_path: Path) -> None:
    settings = parse_settings(
        [
            "--project-dir",
            str(project),
            "--state-dir",
            str(tmp_path / "state"),
            "--ws-port",
            "9101",
            "--dynamodb-port",
            "9102",
        ],
        {},
    )
    env = function_environment(settings, ChaliceConfig.load(project, "local"))
    assert env["STAGE"] == "local"
    assert env["CONTACTS_TABLE"] == "addressbook-local-contacts"
    assert env["DYNAMODB_ENDPOINT_URL"] == "http://127.0.0.1:9102"
    assert env["WEBSOCKET_MANAGEMENT_ENDPOINT"] == "http://127.0.0.1:9101"
    assert env["JWT_SECRET_FILE"] == str(tmp_path / "state" / "jwt-secret")
    assert (env["AWS_REGION"], env["AWS_DEFAULT_REGION"]) == ("eu-west-1", "eu-west-1")
    assert env["AWS_ACCESS_KEY_ID"] == env["AWS_SECRET_ACCESS_KEY"] == "local"
    assert env["AWS_ACCOUNT_ID_ENDPOINT_MODE"] == "disabled"


def test_the_signing_secret_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "state" / "jwt-secret"
    ensure_jwt_secret(path)
    secret = path.read_text()
    assert len(bytes.fromhex(secret)) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ensure_jwt_secret(path)
    assert path.read_text() == secret

"""docker-compose.yml, the Makefile's packaging and emulator targets and the CI script,
checked without Docker or AWS (``make deploy-emulator`` itself runs in CI)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.mark.parametrize(
    ("service", "repository"),
    [("localstack", "localstack/localstack-pro"), ("ministack", "ministackorg/ministack")],
)
def test_emulator_images_are_pinned(compose, service, repository):
    image, _, tag = compose["services"][service]["image"].partition(":")
    assert image == repository
    assert tag[0].isdigit()
    assert "latest" not in tag


def test_the_ministack_image_carries_the_sam_transform_and_runs_functions_in_containers(
    compose,
):
    service = compose["services"]["ministack"]
    assert service["image"].endswith("-full")  # aws-sam-translator is only in -full
    assert service["environment"]["LAMBDA_EXECUTOR"] == "docker"
    assert any(v.startswith("/var/run/docker.sock:") for v in service["volumes"])
    assert "/_ministack/health" in " ".join(service["healthcheck"]["test"])


def test_each_emulator_has_its_own_profile(compose):
    services = compose["services"]
    assert services["ministack"]["profiles"] == ["ministack-docker"]
    assert services["localstack"]["profiles"] == ["localstack"]


def test_localstack_gets_the_auth_token_and_the_docker_socket(compose):
    service = compose["services"]["localstack"]
    assert "LOCALSTACK_AUTH_TOKEN" in service["environment"]
    assert "${LOCALSTACK_AUTH_TOKEN" in service["environment"]["LOCALSTACK_AUTH_TOKEN"]
    assert any(v.startswith("/var/run/docker.sock:") for v in service["volumes"])
    assert any(port.endswith(":4566:4566") for port in service["ports"])


def test_localstack_has_a_health_check(compose):
    check = compose["services"]["localstack"]["healthcheck"]
    command = " ".join(check["test"])
    assert "curl" in command
    assert "http://localhost:4566/_localstack/health" in command
    assert check["retries"] >= 1


def _dry_run(*arguments: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_package_runs_the_packager_for_the_stage():
    assert "-m infra.package --stage prod" in _dry_run("package", "STAGE=prod")


def test_make_deploy_targets_the_stage_stack_and_bucket():
    output = _dry_run("deploy", "STAGE=dev", "ARTIFACTS_BUCKET=my-artifacts")
    assert "-m infra.deploy deploy --stage dev" in output
    assert "--bucket my-artifacts" in output
    assert "-m infra.deploy destroy --stage dev" in _dry_run("destroy", "STAGE=dev")


def test_make_deploy_emulator_starts_ministack_from_its_venv_and_writes_the_endpoints():
    output = _dry_run("deploy-emulator")
    assert "-m infra.emulator start --port 4566" in output
    assert "--target ministack" in output
    assert "--endpoint-url http://localhost:4566" in output
    assert "--endpoints-file build/emulator/endpoints.json" in output
    assert "docker" not in output


@pytest.mark.parametrize(
    ("emulator", "service", "target", "functions_endpoint"),
    [
        ("localstack", "localstack", "localstack", "http://localhost.localstack.cloud:4566"),
        ("ministack-docker", "ministack", "ministack", "http://ministack:4566"),
    ],
)
def test_make_deploy_emulator_in_docker(emulator, service, target, functions_endpoint):
    output = _dry_run("deploy-emulator", f"EMULATOR={emulator}", "LOCALSTACK_AUTH_TOKEN=x")
    assert f"docker compose --profile {emulator} up --detach --wait {service}" in output
    assert f"--target {target} --functions-endpoint {functions_endpoint}" in output
    assert "--endpoints-file build/emulator/endpoints.json" in output
    stop = _dry_run("stop-emulator", f"EMULATOR={emulator}")
    assert f"docker compose --profile {emulator} stop {service}" in stop


def test_make_test_and_stop_emulator():
    assert "E2E_ENDPOINTS=build/emulator/endpoints.json" in _dry_run("test-emulator")
    assert "-m infra.emulator stop" in _dry_run("stop-emulator")


def test_ci_runs_the_emulator_suite_after_the_default_one_and_stops_it():
    script = (ROOT / ".ci" / "run").read_text()
    assert script.index("make test\n") < script.index("make deploy-emulator")
    assert script.index("make deploy-emulator") < script.index("make test-emulator")
    assert "make stop-emulator" in script


def test_make_lint_runs_cfn_lint_on_the_packaged_templates():
    output = _dry_run("lint")
    assert "cfn-lint build/$stage/sam.json" in output

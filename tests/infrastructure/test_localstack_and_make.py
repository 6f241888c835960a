"""docker-compose.yml and the Makefile's packaging targets, checked without Docker or AWS."""

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


def test_localstack_image_is_pinned(compose):
    image = compose["services"]["localstack"]["image"]
    repository, _, tag = image.partition(":")
    assert repository in ("localstack/localstack-pro", "localstack/localstack")
    assert tag
    assert tag != "latest"
    assert tag[0].isdigit()


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


def test_make_deploy_localstack_uses_compose_and_the_local_endpoint():
    output = _dry_run("deploy-localstack", "LOCALSTACK_AUTH_TOKEN=x")
    assert "docker compose up" in output
    assert "--endpoint-url http://localhost:4566" in output
    assert "--target localstack" in output


def test_make_lint_runs_cfn_lint_on_the_packaged_templates():
    output = _dry_run("lint")
    assert "cfn-lint build/$stage/sam.json" in output

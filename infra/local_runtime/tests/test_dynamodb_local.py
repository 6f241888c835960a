from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infra.local_runtime import dynamodb_local
from infra.local_runtime.settings import PROJECT_DIR
from infra.local_runtime.testing import free_ports


def test_a_missing_jar_is_named_with_the_fix(tmp_path: Path) -> None:
    reason = dynamodb_local.missing_prerequisite(tmp_path)
    assert reason is not None
    assert "DynamoDB Local is not installed" in reason
    assert "make install" in reason


def test_missing_java_is_named_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    reason = dynamodb_local.missing_prerequisite(PROJECT_DIR)
    assert reason is not None
    assert "Java 17+" in reason


def test_the_cli_says_what_is_missing(tmp_path: Path) -> None:
    rest, ws, ddb = free_ports(3)
    command = [sys.executable, "-m", "infra.local_runtime", "--project-dir", str(tmp_path)]
    command += ["--state-dir", str(tmp_path / "state"), "--rest-port", str(rest)]
    command += ["--ws-port", str(ws), "--dynamodb-port", str(ddb)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "error: DynamoDB Local is not installed" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout

"""Helpers for tests and benchmarks that run the embedded runtime: free ports, whether it
can start on this machine, polling with diagnostics."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from infra.local_runtime.dynamodb_local import missing_prerequisite
from infra.local_runtime.environment import DEFAULT_REGION, ChaliceConfig
from infra.local_runtime.settings import PROJECT_DIR

T = TypeVar("T")


def free_ports(count: int) -> list[int]:
    """Distinct TCP ports that were free a moment ago."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for probe in sockets:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


def missing_prerequisites(project_dir: Path = PROJECT_DIR) -> str | None:
    """Why the runtime cannot start on this machine (no Java, no DynamoDB Local), or None."""
    return missing_prerequisite(project_dir)


def runtime_region(project_dir: Path) -> str:
    """The region of the ``local`` stage, as the runtime gives it to the functions."""
    try:
        return ChaliceConfig.load(project_dir, "local").region
    except SystemExit:
        return DEFAULT_REGION


def skip_or_fail_without_prerequisites() -> None:
    """For pytest fixtures: skip when Java or DynamoDB Local is missing, except in CI
    (``CI=true``), where a missing prerequisite is a failure."""
    import pytest

    reason = missing_prerequisites()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the embedded runtime cannot start in CI: {reason}")
    pytest.skip(f"the embedded runtime cannot start here: {reason}")


def poll_until(
    condition: Callable[[], T | None], timeout: float, diagnostics: Callable[[], str]
) -> T:
    """Poll ``condition`` until it returns something truthy, and return that; an
    AssertionError ending with ``diagnostics()`` if it does not within ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s; {diagnostics()}")
        time.sleep(0.02)

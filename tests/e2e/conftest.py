"""End-to-end fixtures. ONE suite, two kinds of target:

- the embedded runtime (default, ``make test``): a subprocess with DynamoDB Local, real REST
  and WebSocket gateways, free ports and a temporary state dir. Without Java or DynamoDB
  Local the tests are skipped with the reason, except in CI (``CI=true``): a failure there.
- a deployed stack (``make test-emulator``): ``E2E_ENDPOINTS=build/emulator/endpoints.json``,
  the file ``python -m infra.deploy`` writes (MiniStack, LocalStack or AWS).

Write every test against the ``endpoints`` fixture (``tests/support/endpoints.py``), never
against the runtime's internals, so it runs on both:

- ``endpoints.rest_url``, ``endpoints.ws_url`` (no trailing slash),
  ``endpoints.websocket_url(token)`` (what a client opens), ``endpoints.management_url``
  (``@connections``), ``endpoints.target`` (``runtime``/``ministack``/``localstack``/``aws``),
  ``endpoints.deployed``, ``endpoints.region``, ``endpoints.stage``;
- ``endpoints.table_name("sockets")``: a table's physical name on that target;
- ``endpoints.client("dynamodb" | "dynamodbstreams" | "apigatewaymanagementapi")``;
- ``endpoints.timeout``: seconds one HTTP request, handshake or expected frame may take
  (10 on the runtime, 60 on a deployed stack: cold starts); pass it, never a literal;
- ``endpoints.wait_for(condition, timeout)``: polls; the timeout is stretched on a deployed
  stack (``patience``) and a failure shows the runtime's or the emulator's log.

Use unique user names (uuid) and clean up: on a deployed stack the data outlives the run.

Markers (each skip carries its reason into the report):

- ``@pytest.mark.runtime_only("why")``: the test needs the embedded runtime itself (a
  restart, a fault-injected app, its log); it uses the ``runtime``/``restartable_runtime``
  fixtures. Skipped on deployed targets.
- ``@pytest.mark.differs_on("ministack", "why; docs/emulators.md#anchor")``: the emulator
  differs from AWS in a way the test meets. Only with the difference written down in
  ``docs/emulators.md`` with a minimal reproduction. Skipped on that target only.

Every test in this directory is marked ``e2e``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from infra.deployed import READY_PATH
from infra.local_runtime.testing import LocalRuntime, skip_or_fail_without_prerequisites
from tests.support.endpoints import (
    ENDPOINTS_VARIABLE,
    READY_TIMEOUT,
    RUNTIME,
    Endpoints,
    deployed_endpoints,
    runtime_endpoints,
)


def _deployment() -> Path | None:
    path = os.environ.get(ENDPOINTS_VARIABLE)
    return Path(path) if path else None


def e2e_target() -> str:
    """The target of this session: ``runtime``, or the deployed stack's (read once)."""
    path = _deployment()
    if path is None:
        return RUNTIME
    if not path.exists():
        raise pytest.UsageError(f"{ENDPOINTS_VARIABLE}={path}: no such file (deploy first)")
    return deployed_endpoints(path).target


@pytest.fixture(scope="session")
def endpoints(request: pytest.FixtureRequest) -> Endpoints:
    """What the test talks to: the embedded runtime or the deployed stack (see above)."""
    path = _deployment()
    if path is None:
        return runtime_endpoints(request.getfixturevalue("runtime"))
    deployed = deployed_endpoints(path)
    try:
        requests.get(deployed.rest_url + READY_PATH, timeout=deployed.timeout)
    except requests.RequestException as error:
        pytest.fail(f"the stack in {path} does not answer ({error}): make deploy-emulator")
    return deployed


@pytest.fixture(scope="session")
def runtime() -> Iterator[LocalRuntime]:
    """The running embedded runtime, shared by the session (DynamoDB Local in memory).
    Only for ``runtime_only`` tests; every other test takes ``endpoints``."""
    _only_on_the_runtime()
    with LocalRuntime(in_memory=True, ready_timeout=READY_TIMEOUT) as started:
        yield started


@pytest.fixture(scope="module")
def restartable_runtime() -> Iterator[LocalRuntime]:
    """A runtime of its own whose data lives on disk, for tests that ``restart()`` it."""
    _only_on_the_runtime()
    with LocalRuntime(ready_timeout=READY_TIMEOUT) as started:
        yield started


def _only_on_the_runtime() -> None:
    if _deployment() is not None:
        pytest.skip("needs the embedded runtime; this session targets a deployed stack")
    skip_or_fail_without_prerequisites()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    target = e2e_target()
    for item in items:
        if "tests/e2e/" not in item.path.as_posix():
            continue
        item.add_marker(pytest.mark.e2e)
        only = item.get_closest_marker("runtime_only")
        if only is not None:
            reason = _reason(only)
            if target != RUNTIME:
                item.add_marker(pytest.mark.skip(reason=f"runtime only: {reason}"))
        for differs in item.iter_markers("differs_on"):
            reason = _reason(differs, 1)
            if differs.args[0] == target:
                item.add_marker(pytest.mark.skip(reason=f"differs on {target}: {reason}"))


def _reason(marker: pytest.Mark, index: int = 0) -> str:
    reason = marker.kwargs.get("reason") or (
        marker.args[index] if len(marker.args) > index else None
    )
    if not reason:
        raise pytest.UsageError(f"@pytest.mark.{marker.name} needs a reason")
    return str(reason)

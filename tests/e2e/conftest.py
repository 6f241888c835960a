"""End-to-end fixtures: the real app on the embedded local runtime (a subprocess with
DynamoDB Local, real REST and WebSocket gateways, free ports, a temporary state dir).

Without Java or DynamoDB Local the e2e tests are skipped with the reason, except in CI
(``CI=true``), where that is a failure. Every test in this directory is marked ``e2e``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.local_runtime.testing import LocalRuntime, skip_or_fail_without_prerequisites


@pytest.fixture(scope="session")
def runtime() -> Iterator[LocalRuntime]:
    """The running runtime, shared by the session (DynamoDB Local in memory): ``rest_url``,
    ``ws_url``, ``management_url``, ``dynamodb_url``, ``state_dir``, ``client(service)``,
    ``wait_for(condition)``, ``log``."""
    skip_or_fail_without_prerequisites()
    with LocalRuntime(in_memory=True) as started:
        yield started


@pytest.fixture(scope="module")
def restartable_runtime() -> Iterator[LocalRuntime]:
    """A runtime of its own whose data lives on disk, for tests that ``restart()`` it."""
    skip_or_fail_without_prerequisites()
    with LocalRuntime() as started:
        yield started


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in item.path.as_posix():
            item.add_marker(pytest.mark.e2e)

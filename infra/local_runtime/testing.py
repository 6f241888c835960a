"""Run the embedded runtime as a subprocess, for tests and benchmarks.

    with local_runtime(in_memory=True) as runtime:
        requests.get(runtime.rest_url + "/openapi.json")
        websockets.sync.client.connect(runtime.ws_url + "?token=...")
        runtime.restart()              # same state dir and ports
        print(runtime.log)             # everything it printed so far

Each runtime gets free ports and, unless given one, a temporary state dir it removes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from infra.local_runtime.dynamodb_local import missing_prerequisite
from infra.local_runtime.environment import DEFAULT_REGION, ChaliceConfig
from infra.local_runtime.processes import OutputLog, spawn_with_parent_death
from infra.local_runtime.settings import PROJECT_DIR

READY = re.compile(r"ready in (\d+(?:\.\d+)?) s")
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


def _region(project_dir: Path) -> str:
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


class LocalRuntime:
    def __init__(
        self,
        *,
        state_dir: Path | None = None,
        app_module: str = "app",
        app_dir: Path | None = None,
        in_memory: bool = False,
        extra_args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        ready_timeout: float = 90.0,  # DynamoDB Local alone took 30 s on a loaded 2-core machine
        echo: bool = False,
        project_dir: Path = PROJECT_DIR,
    ):
        self._owns_state_dir = state_dir is None
        self.state_dir = (
            Path(tempfile.mkdtemp(prefix="local-runtime-")) if state_dir is None else state_dir
        )
        self.rest_port, self.ws_port, self.dynamodb_port = free_ports(3)
        self._args = [
            *("--app-module", app_module),
            *(("--app-dir", str(app_dir)) if app_dir is not None else ()),
            *(("--in-memory",) if in_memory else ()),
            *extra_args,
        ]
        self._env = dict(env or {})
        self._ready_timeout = ready_timeout
        self._project_dir = project_dir
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        """As the runtime reported it in its "ready in" line, for the latest start."""
        self._output = OutputLog(echo)
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None
        self._clients: dict[str, Any] = {}
        self.region = _region(project_dir)

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rest_port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.ws_port}"

    @property
    def management_url(self) -> str:
        """The ``@connections`` endpoint (``endpoint_url`` of ``apigatewaymanagementapi``)."""
        return f"http://127.0.0.1:{self.ws_port}"

    @property
    def dynamodb_url(self) -> str:
        return f"http://127.0.0.1:{self.dynamodb_port}"

    @property
    def log(self) -> str:
        """Everything the runtime printed (stdout and stderr), across restarts."""
        return self._output.text

    def command(self) -> list[str]:
        return [
            sys.executable,
            *("-m", "infra.local_runtime", "--state-dir", str(self.state_dir)),
            *("--rest-port", str(self.rest_port), "--ws-port", str(self.ws_port)),
            *("--dynamodb-port", str(self.dynamodb_port)),
            *self._args,
        ]

    def start(self) -> LocalRuntime:
        """Start the runtime and wait until it reports that it is ready."""
        if self.process is not None:
            raise RuntimeError("the runtime is already running")
        env = {**os.environ, **self._env, "PYTHONUNBUFFERED": "1"}
        self.process = spawn_with_parent_death(
            self.command(),
            signal.SIGTERM,
            cwd=self._project_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        ready = threading.Event()

        def on_line(line: str) -> None:
            match = READY.search(line)
            if match and not ready.is_set():
                self.startup_seconds = float(match.group(1))
                ready.set()

        self._reader = self._output.follow(self.process, on_line)
        deadline = time.monotonic() + self._ready_timeout
        while not ready.wait(0.02):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self._reader.join(2)
                self.stop()
                raise RuntimeError(f"the local runtime did not become ready:\n{self.log[-5000:]}")
        return self

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM (Ctrl-C's equivalent) and wait; SIGKILL if it does not stop in time."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._reader is not None:
            self._reader.join(5)
        return process.returncode

    def kill(self) -> None:
        """Kill the runtime abruptly (SIGKILL), as a crash would."""
        if self.process is not None:
            self.process.kill()
        self.stop()

    def restart(self) -> None:
        """Stop and start again with the same state dir and ports."""
        self.stop()
        self.start()

    def wait_for(self, condition: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Poll ``condition`` until it returns something truthy, and return that; an
        AssertionError (with the end of the runtime's log) if it does not in time."""
        return poll_until(condition, timeout, lambda: "runtime log:\n" + self.log[-3000:])

    def wait_for_log(self, pattern: str, timeout: float = 5.0) -> re.Match[str]:
        """Wait until the log matches the regular expression ``pattern``."""
        return self.wait_for(lambda: re.search(pattern, self.log), timeout)

    def client(self, service: str) -> Any:
        """A boto3 client (cached) for ``dynamodb``, ``dynamodbstreams`` or
        ``apigatewaymanagementapi``, pointed at this runtime."""
        with self._lock:
            if service not in self._clients:
                import boto3

                endpoint = self.dynamodb_url
                if service == "apigatewaymanagementapi":
                    endpoint = self.management_url
                session: Any = boto3.session.Session()
                self._clients[service] = session.client(
                    service,
                    endpoint_url=endpoint,
                    region_name=self.region,
                    aws_access_key_id="local",
                    aws_secret_access_key="local",
                )
            return self._clients[service]

    def close(self) -> None:
        self.stop()
        if self._owns_state_dir:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self) -> LocalRuntime:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def local_runtime(**options: Any) -> Iterator[LocalRuntime]:
    """Start a runtime (options as for ``LocalRuntime``), yield it, stop it."""
    with LocalRuntime(**options) as runtime:
        yield runtime

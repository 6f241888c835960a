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
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from infra.local_runtime.runtime_process import RuntimeProcess
from infra.local_runtime.settings import PROJECT_DIR
from infra.local_runtime.testing_support import (
    free_ports,
    missing_prerequisites,
    poll_until,
    runtime_region,
    skip_or_fail_without_prerequisites,
)

__all__ = [
    "LocalRuntime",
    "free_ports",
    "local_runtime",
    "missing_prerequisites",
    "poll_until",
    "skip_or_fail_without_prerequisites",
]
T = TypeVar("T")


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
        ready_timeout: float = 60.0,
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
        self._process = RuntimeProcess(echo)
        self._lock = threading.Lock()
        self._clients: dict[str, Any] = {}
        self.region = runtime_region(project_dir)

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The runtime's process while it runs."""
        return self._process.popen

    @property
    def startup_seconds(self) -> float | None:
        """As the runtime reported it in its "ready in" line, for the latest start."""
        return self._process.startup_seconds

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
        return self._process.log

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
        env = {**os.environ, **self._env, "PYTHONUNBUFFERED": "1"}
        self._process.start(self.command(), self._project_dir, env, self._ready_timeout)
        return self

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM (Ctrl-C's equivalent) and wait; SIGKILL if it does not stop in time."""
        return self._process.stop(timeout)

    def kill(self) -> None:
        """Kill the runtime abruptly (SIGKILL), as a crash would."""
        self._process.kill()

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

"""The runtime as a child process: started, waited for until it says it is ready, stopped
like Ctrl-C would, or killed like a crash; its output collected across restarts."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from infra.local_runtime.processes import OutputLog, spawn_with_parent_death

READY = re.compile(r"ready in (\d+(?:\.\d+)?) s")


class RuntimeProcess:
    def __init__(self, echo: bool = False):
        self.popen: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        """As the runtime reported it in its "ready in" line, for the latest start."""
        self._output = OutputLog(echo)
        self._reader: threading.Thread | None = None

    @property
    def log(self) -> str:
        """Everything the runtime printed (stdout and stderr), across restarts."""
        return self._output.text

    def start(
        self, command: Sequence[str], cwd: Path, env: Mapping[str, str], ready_timeout: float
    ) -> None:
        """Start the runtime and wait until it reports that it is ready."""
        if self.popen is not None:
            raise RuntimeError("the runtime is already running")
        self.popen = spawn_with_parent_death(
            list(command),
            signal.SIGTERM,
            cwd=cwd,
            env=dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        ready = threading.Event()

        def on_line(line: str) -> None:
            match = READY.search(line)
            if match and not ready.is_set():
                self.startup_seconds = float(match.group(1))
                ready.set()

        self._reader = self._output.follow(self.popen, on_line)
        deadline = time.monotonic() + ready_timeout
        while not ready.wait(0.02):
            if self.popen.poll() is not None or time.monotonic() > deadline:
                self._reader.join(2)
                self.stop()
                raise RuntimeError(f"the local runtime did not become ready:\n{self.log[-5000:]}")

    def stop(self, timeout: float = 20.0) -> int | None:
        """SIGTERM (Ctrl-C's equivalent) and wait; SIGKILL if it does not stop in time."""
        process, self.popen = self.popen, None
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
        if self.popen is not None:
            self.popen.kill()
        self.stop()

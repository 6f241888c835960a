"""The execution environments of one function, as Lambda manages them.

- An invocation runs in an idle worker process of its function, or in a new one (forked
  by the ``Zygote``) when every worker is busy: one invocation per worker at a time.
- Workers are kept and reused between invocations, with whatever the handler cached.
- At most ``limit`` workers per function (its ``reserved_concurrency``, or the runtime's
  ``--max-concurrency``); beyond that an invocation waits for a worker to be free.
- An invocation still running at the function's timeout is stopped: its worker is killed
  (its state is lost, as on Lambda) and the invocation fails with ``Task timed out``.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from typing import Any

from infra.local_runtime.lambda_context import FunctionConfig


class FunctionError(Exception):
    """What a handler raised, as its worker reported it."""

    def __init__(self, kind: str, message: str, trace: str = ""):
        super().__init__(message)
        self.kind = kind
        self.trace = trace


def timed_out(function: FunctionConfig) -> FunctionError:
    message = f"Task timed out after {function.timeout_seconds:.2f} seconds"
    return FunctionError("Sandbox.Timedout", message)


class Worker:
    def __init__(self, pid: int, channel: Connection):
        self.pid = pid
        self.channel = channel

    def call(self, message: bytes, timeout: float) -> bytes | None:
        """Send one invocation and wait for the answer; None if there was none in time.
        Raises EOFError or OSError if the worker died."""
        self.channel.send_bytes(message)
        if not self.channel.poll(timeout):
            return None
        return self.channel.recv_bytes()

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.channel.close()


Spawn = Callable[[FunctionConfig], Worker]


class FunctionWorkers:
    def __init__(self, function: FunctionConfig, spawn: Spawn, limit: int):
        self.function = function
        self._spawn = spawn
        self.limit = max(1, limit)
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._running = 0
        """Workers that exist (idle or busy), plus those being started."""
        self._changed = threading.Condition()
        self._closed = False

    @property
    def size(self) -> int:
        with self._changed:
            return self._running

    def invoke(self, event: Mapping[str, Any], request_id: str) -> Any:
        """The handler's return value; raises ``FunctionError`` if it raised, timed out or
        its worker died."""
        function = self.function
        worker = self._acquire()
        healthy = False
        deadline = time.monotonic() + function.timeout_seconds
        message = json.dumps({"request_id": request_id, "deadline": deadline, "event": event})
        try:
            raw = worker.call(message.encode(), function.timeout_seconds)
            if raw is None:
                raise timed_out(function)
            answer = json.loads(raw)
            healthy = True
        except (EOFError, OSError) as error:
            raise FunctionError(
                "Runtime.ExitError", f"the worker process exited ({error})"
            ) from None
        finally:
            self._release(worker, healthy)
        if "error" in answer:
            failure = answer["error"]
            raise FunctionError(failure["type"], failure["message"], failure.get("traceback", ""))
        return answer.get("value")

    def close(self) -> None:
        """Stop every worker, idle or busy (a busy one's invocation fails)."""
        with self._changed:
            self._closed = True
            workers, self._idle = list(self._all), []
            self._changed.notify_all()
        for worker in workers:
            worker.stop()

    def _acquire(self) -> Worker:
        with self._changed:
            while True:
                if self._closed:
                    raise FunctionError("Runtime.Stopping", "the runtime is stopping")
                if self._idle:
                    return self._idle.pop()
                if self._running < self.limit:
                    self._running += 1
                    break
                self._changed.wait()
        try:
            worker = self._spawn(self.function)
        except BaseException as error:
            with self._changed:
                self._running -= 1
                self._changed.notify()
            raise FunctionError(
                "Runtime.InitError", f"no worker could be started: {error}"
            ) from None
        with self._changed:
            self._all.add(worker)
            closed = self._closed
        if closed:
            worker.stop()
            raise FunctionError("Runtime.Stopping", "the runtime is stopping")
        return worker

    def _release(self, worker: Worker, healthy: bool) -> None:
        with self._changed:
            keep = healthy and not self._closed
            if keep:
                self._idle.append(worker)
            else:
                self._running -= 1
                self._all.discard(worker)
            self._changed.notify()
        if not keep:
            worker.stop()

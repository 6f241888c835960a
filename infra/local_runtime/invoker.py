"""Invoke the app's functions like Lambda would: each in worker processes of its own
(``workers``), one invocation per worker at a time, waited for on a pool of threads so a
slow function never blocks a gateway; one log line per invocation."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from infra.local_runtime.app_loader import Function
from infra.local_runtime.lambda_context import FunctionConfig
from infra.local_runtime.workers import FunctionError, FunctionWorkers, Spawn

log = logging.getLogger("local_runtime.lambda")

Describe = Callable[[Any], str]
Expected = Callable[[BaseException], str | None]
"""Names an error that is the function's way of answering (an authorizer's ``Unauthorized``):
logged as an outcome, without a traceback. None for a real failure."""


@dataclass(frozen=True)
class Invocation:
    value: Any
    error: BaseException | None
    duration_ms: float
    request_id: str

    @property
    def failed(self) -> bool:
        return self.error is not None


def _ok(_: Any) -> str:
    return "ok"


def _unexpected(_: BaseException) -> str | None:
    return None


class Invoker:
    def __init__(
        self,
        functions: Mapping[str, FunctionConfig],
        spawn: Spawn,
        max_concurrency: int,
        verbose: bool = False,
    ):
        self._workers = {
            name: FunctionWorkers(
                function,
                spawn,
                min(function.reserved_concurrency or max_concurrency, max_concurrency),
            )
            for name, function in functions.items()
        }
        self._verbose = verbose
        # A thread per worker, per function: invocations of one function queue for its
        # workers without holding up another function's.
        self._threads = {
            name: ThreadPoolExecutor(workers.limit, thread_name_prefix=f"lambda-{name}")
            for name, workers in self._workers.items()
        }
        self._active = 0
        self._idle = threading.Condition()

    def workers(self, function: Function) -> FunctionWorkers:
        return self._workers[function.name]

    def run(
        self,
        function: Function,
        event: dict[str, Any],
        label: str,
        describe: Describe,
        expected: Expected = _unexpected,
    ) -> Invocation:
        """Invoke ``function`` (from the calling thread) and log one line about it."""
        request_id = str(uuid.uuid4())
        if self._verbose:
            log.info("%s %s event %s", function.name, label, json.dumps(event, default=str))
        with self._idle:
            self._active += 1
        started = time.perf_counter()
        try:
            value, error = self._workers[function.name].invoke(event, request_id), None
        except FunctionError as exc:
            value, error = None, exc
        finally:
            with self._idle:
                self._active -= 1
                self._idle.notify_all()
        duration_ms = (time.perf_counter() - started) * 1000
        outcome = describe(value) if error is None else expected(error)
        if outcome is not None:
            log.info("%s %s -> %s (%.1f ms)", function.name, label, outcome, duration_ms)
            if self._verbose and error is None:
                log.info("%s %s result %s", function.name, label, json.dumps(value, default=str))
        else:
            assert error is not None
            log.error(
                "%s %s -> raised %s: %s (%.1f ms)\n%s",
                function.name,
                label,
                error.kind,
                error,
                duration_ms,
                error.trace.rstrip(),
            )
        return Invocation(value, error, duration_ms, request_id)

    async def invoke(
        self,
        function: Function,
        event: dict[str, Any],
        label: str = "",
        describe: Describe = _ok,
        expected: Expected = _unexpected,
    ) -> Invocation:
        """Invoke from the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._threads[function.name], self.run, function, event, label, describe, expected
        )

    def invoke_blocking(
        self, function: Function, event: dict[str, Any], label: str = "", describe: Describe = _ok
    ) -> Invocation:
        """Invoke and wait, from any other thread (the stream pollers)."""
        threads = self._threads[function.name]
        return threads.submit(self.run, function, event, label, describe).result()

    def shutdown(self, timeout: float = 10.0) -> int:
        """Stop taking invocations, wait for the running ones, stop the workers; returns
        how many invocations were still running (their workers are killed)."""
        for threads in self._threads.values():
            threads.shutdown(wait=False, cancel_futures=True)
        with self._idle:
            self._idle.wait_for(lambda: self._active == 0, timeout)
            running = self._active
        for workers in self._workers.values():
            workers.close()
        return running

"""Invoke the app's functions like Lambda would: a context object, one invocation per
call, on a pool of worker threads so a slow function never blocks a gateway."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from infra.local_runtime.app_loader import Function
from infra.local_runtime.environment import ACCOUNT_ID, ChaliceConfig

log = logging.getLogger("local_runtime.lambda")

Describe = Callable[[Any], str]
Expected = Callable[[BaseException], str | None]
"""Names an error that is the function's way of answering (an authorizer's ``Unauthorized``):
logged as an outcome, without a traceback. None for a real failure."""


@dataclass
class LambdaContext:
    """The attributes and method of the context object Lambda's Python runtime passes."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    log_group_name: str
    log_stream_name: str
    timeout_seconds: float
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    identity: Any = None
    client_context: Any = None
    _started: float = field(default_factory=time.monotonic, repr=False)

    def get_remaining_time_in_millis(self) -> int:
        elapsed = time.monotonic() - self._started
        return max(0, int((self.timeout_seconds - elapsed) * 1000))


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
    def __init__(self, config: ChaliceConfig, verbose: bool = False, max_workers: int = 32):
        self._config = config
        self._region = config.region
        self._verbose = verbose
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="lambda")
        self._active = 0
        self._idle = threading.Condition()

    def context_for(self, function: Function) -> LambdaContext:
        return LambdaContext(
            function_name=function.name,
            memory_limit_in_mb=int(
                self._config.function_setting(function.key, "lambda_memory_size", 128)
            ),
            invoked_function_arn=f"arn:aws:lambda:{self._region}:{ACCOUNT_ID}:function:{function.name}",
            log_group_name=f"/aws/lambda/{function.name}",
            log_stream_name=time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex,
            timeout_seconds=float(
                self._config.function_setting(function.key, "lambda_timeout", 60)
            ),
        )

    def run(
        self,
        function: Function,
        event: dict[str, Any],
        label: str,
        describe: Describe,
        expected: Expected = _unexpected,
    ) -> Invocation:
        """Invoke ``function`` on the calling thread and log one line about it."""
        context = self.context_for(function)
        if self._verbose:
            log.info("%s %s event %s", function.name, label, json.dumps(event, default=str))
        with self._idle:
            self._active += 1
        started = time.perf_counter()
        try:
            value, error = function.handler(event, context), None
        except Exception as exc:
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
            log.error(
                "%s %s -> raised %s: %s (%.1f ms)",
                function.name,
                label,
                type(error).__name__,
                error,
                duration_ms,
                exc_info=error,
            )
        return Invocation(value, error, duration_ms, context.aws_request_id)

    async def invoke(
        self,
        function: Function,
        event: dict[str, Any],
        label: str = "",
        describe: Describe = _ok,
        expected: Expected = _unexpected,
    ) -> Invocation:
        """Invoke on a worker thread, from the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, self.run, function, event, label, describe, expected
        )

    def invoke_blocking(
        self, function: Function, event: dict[str, Any], label: str = "", describe: Describe = _ok
    ) -> Invocation:
        """Invoke on a worker thread and wait, from any other thread (the stream pollers)."""
        return self._executor.submit(self.run, function, event, label, describe).result()

    def shutdown(self, timeout: float = 10.0) -> int:
        """Stop taking invocations and wait for the running ones; returns how many still run."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        with self._idle:
            self._idle.wait_for(lambda: self._active == 0, timeout)
            return self._active

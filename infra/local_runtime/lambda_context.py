"""The context object Lambda's Python runtime passes to a handler, and what the runtime
knows about each function before invoking it (name, memory, timeout, ARN)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from infra.local_runtime.app_loader import Function
from infra.local_runtime.environment import ACCOUNT_ID, ChaliceConfig


@dataclass(frozen=True)
class FunctionConfig:
    """A function's deployed settings, as ``.chalice/config.json`` gives them."""

    name: str
    key: str
    memory_limit_in_mb: int
    timeout_seconds: float
    reserved_concurrency: int | None
    arn: str

    @classmethod
    def of(cls, function: Function, config: ChaliceConfig) -> FunctionConfig:
        reserved = config.function_setting(function.key, "reserved_concurrency", None)
        return cls(
            name=function.name,
            key=function.key,
            memory_limit_in_mb=int(
                config.function_setting(function.key, "lambda_memory_size", 128)
            ),
            timeout_seconds=float(config.function_setting(function.key, "lambda_timeout", 60)),
            reserved_concurrency=None if reserved is None else int(reserved),
            arn=f"arn:aws:lambda:{config.region}:{ACCOUNT_ID}:function:{function.name}",
        )


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
    _deadline: float = field(default=0.0, repr=False)
    """``time.monotonic()`` at which the invocation times out (system-wide clock)."""

    def __post_init__(self) -> None:
        if not self._deadline:
            self._deadline = time.monotonic() + self.timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def log_stream_name() -> str:
    """One per execution environment, as on Lambda: ``2026/11/21/[$LATEST]<hex>``."""
    return time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex


def context_for(
    function: FunctionConfig, request_id: str, deadline: float, stream: str
) -> LambdaContext:
    return LambdaContext(
        function_name=function.name,
        memory_limit_in_mb=function.memory_limit_in_mb,
        invoked_function_arn=function.arn,
        log_group_name=f"/aws/lambda/{function.name}",
        log_stream_name=stream,
        timeout_seconds=function.timeout_seconds,
        aws_request_id=request_id,
        _deadline=deadline,
    )

"""Execution environments: real worker processes forked by the factory, as the runtime
runs every function (reuse, one invocation per worker, scaling up to the limit, the
function's timeout, errors and results crossing as JSON)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from infra.local_runtime.lambda_context import FunctionConfig
from infra.local_runtime.workers import FunctionError, FunctionWorkers, Worker
from infra.local_runtime.zygote import Zygote

_state = {"calls": 0}


def remember(event: dict[str, Any], context: Any) -> dict[str, Any]:
    _state["calls"] += 1
    time.sleep(event.get("sleep", 0))
    return {
        "pid": os.getpid(),
        "calls": _state["calls"],
        "request_id": context.aws_request_id,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "function_name": context.function_name,
        "env": os.environ.get("TOY_ONLY_HERE"),
    }


def crash(event: dict[str, Any], context: Any) -> Any:
    if event.get("unserializable"):
        return {"value": object()}
    raise ValueError("no such thing")


def config(name: str, timeout: float = 5.0) -> FunctionConfig:
    return FunctionConfig(name, name, 128, timeout, None, f"arn:aws:lambda:::function:{name}")


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    started = Zygote({"remember": remember, "crash": crash})
    started.start()
    yield started
    started.stop()


def pool(zygote: Zygote, name: str, limit: int = 2, timeout: float = 5.0) -> FunctionWorkers:
    def spawn(function: FunctionConfig) -> Worker:
        return Worker(*zygote.spawn(function, {"TOY_ONLY_HERE": function.name}))

    return FunctionWorkers(config(name, timeout), spawn, limit)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_a_worker_is_reused_and_keeps_its_state(zygote: Zygote) -> None:
    workers = pool(zygote, "remember")
    try:
        first = workers.invoke({}, "req-1")
        second = workers.invoke({}, "req-2")
        assert first["pid"] == second["pid"] != os.getpid()
        assert (first["calls"], second["calls"]) == (1, 2)
        assert (first["request_id"], second["request_id"]) == ("req-1", "req-2")
        assert first["function_name"] == "remember"
        assert 0 < first["remaining_ms"] <= 5000
        assert first["env"] == "remember"  # the function's own environment
        assert workers.size == 1
    finally:
        workers.close()


def test_concurrent_invocations_get_workers_of_their_own_up_to_the_limit(zygote: Zygote) -> None:
    workers = pool(zygote, "remember", limit=2)
    try:
        with ThreadPoolExecutor(3) as threads:
            results = list(threads.map(lambda _: workers.invoke({"sleep": 0.5}, "r"), range(3)))
        pids = [result["pid"] for result in results]
        assert len(set(pids)) == 2  # the third waited for one of the two
        assert workers.size == 2
    finally:
        workers.close()
    wait_until(lambda: not any(alive(pid) for pid in pids))


def test_an_invocation_past_the_timeout_fails_and_its_worker_is_killed(zygote: Zygote) -> None:
    workers = pool(zygote, "remember", timeout=2)
    try:
        before = workers.invoke({}, "warm")["pid"]
        started = time.monotonic()
        with pytest.raises(FunctionError, match=r"Task timed out after 2.00 seconds") as raised:
            workers.invoke({"sleep": 60}, "slow")
        assert time.monotonic() - started < 20  # not the handler's 60 s
        assert raised.value.kind == "Sandbox.Timedout"
        wait_until(lambda: not alive(before))
        after = workers.invoke({}, "next")
        assert after["pid"] != before
        assert after["calls"] == 1
    finally:
        workers.close()


def test_errors_and_unserializable_results_come_back_with_their_traceback(zygote: Zygote) -> None:
    workers = pool(zygote, "crash")
    try:
        with pytest.raises(FunctionError, match="no such thing") as raised:
            workers.invoke({}, "r1")
        assert raised.value.kind == "ValueError"
        assert "Traceback" in raised.value.trace
        assert "crash" in raised.value.trace
        with pytest.raises(FunctionError, match="Unable to marshal response") as marshal:
            workers.invoke({"unserializable": True}, "r2")
        assert marshal.value.kind == "Runtime.MarshalError"
        assert workers.size == 1  # a handler's error does not cost the environment
    finally:
        workers.close()


def test_a_worker_that_dies_is_replaced(zygote: Zygote) -> None:
    workers = pool(zygote, "remember")
    try:
        pid = workers.invoke({}, "r1")["pid"]
        os.kill(pid, 9)
        wait_until(lambda: not alive(pid))
        with pytest.raises(FunctionError) as raised:
            workers.invoke({}, "r2")
        assert raised.value.kind == "Runtime.ExitError"
        assert workers.invoke({}, "r3")["pid"] != pid
    finally:
        workers.close()


def test_closing_stops_busy_workers_too(zygote: Zygote) -> None:
    workers = pool(zygote, "remember")
    outcome: list[BaseException] = []

    def busy() -> None:
        try:
            workers.invoke({"sleep": 30}, "busy")
        except FunctionError as error:
            outcome.append(error)

    thread = threading.Thread(target=busy)
    thread.start()
    wait_until(lambda: workers.size == 1)
    time.sleep(0.2)
    workers.close()
    thread.join(5)
    assert not thread.is_alive()
    assert outcome
    with pytest.raises(FunctionError, match="stopping"):
        workers.invoke({}, "after")


def wait_until(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)

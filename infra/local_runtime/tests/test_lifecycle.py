"""Start, restart and stop: data and stream positions survive, nothing is left running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from infra.local_runtime.settings import PROJECT_DIR
from infra.local_runtime.testing import free_ports, skip_or_fail_without_prerequisites
from infra.local_runtime.tests.conftest import Toy, toy_runtime

pytestmark = pytest.mark.e2e


def java_processes_on(port: int) -> list[int]:
    """Processes whose command line runs DynamoDB Local on ``port``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"DynamoDBLocal.jar" in b" ".join(argv[:4] + argv) and str(port).encode() in argv:
            found.append(int(entry.name))
    return found


def assert_a_second_runtime_is_refused(state_dir: Path) -> None:
    rest, ws, dynamodb = map(str, free_ports(3))
    command = [sys.executable, "-m", "infra.local_runtime", "--state-dir", str(state_dir)]
    command += ["--rest-port", rest, "--ws-port", ws, "--dynamodb-port", dynamodb]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert "another local runtime is using" in done.stderr


def successful_ids(toy: Toy, kind: str = "stream") -> Counter[str]:
    return Counter(
        i for e in toy.events.read(kind) if e.get("outcome", "ok") == "ok" for i in e["ids"]
    )


@pytest.fixture
def persistent_toy(tmp_path: Path) -> Toy:
    skip_or_fail_without_prerequisites()
    return toy_runtime(tmp_path, False)


def test_restart_keeps_data_and_stream_positions_and_sigterm_cleans_up(persistent_toy: Toy) -> None:
    toy, runtime = persistent_toy, persistent_toy.runtime
    runtime.start()
    try:
        assert runtime.startup_seconds is not None  # ~2-3 s; the 5 s goal is for `make bench`
        assert_a_second_runtime_is_refused(runtime.state_dir)
        first = [f"first-{i}" for i in range(5)]
        for contact_id in first:
            toy.put_contact(contact_id)
        toy.events.wait_for("stream", lambda e: set(first) <= set(successful_ids(toy)))
        second = [f"second-{i}" for i in range(5)]
        with connect(runtime.ws_url, open_timeout=5) as socket:
            for contact_id in second:  # some of these are still unprocessed at the SIGTERM
                toy.put_contact(contact_id)
            assert runtime.stop() == 0
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=5)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 1001
        assert toy.events.read("disconnect")[-1]["requestContext"]["disconnectStatusCode"] == 1001
        assert java_processes_on(runtime.dynamodb_port) == []
        assert (runtime.state_dir / "data" / "shared-local-instance.db").exists()

        # A function that meets its stream for the first time starts at LATEST.
        (runtime.state_dir / "checkpoints" / "toy-local-contacts_latest.json").unlink()
        runtime.start()
        third = "third-0"
        toy.put_contact(third)
        toy.events.wait_for("stream", lambda e: {*second, third} <= set(successful_ids(toy)))
        counts = successful_ids(toy)
        assert all(counts[i] == 1 for i in [*first, *second, third]), counts
        toy.events.wait_for("latest", lambda e: third in successful_ids(toy, "latest"))
        latest = successful_ids(toy, "latest")
        assert all(latest[i] == 1 for i in [*first, third]), latest
        items = runtime.client("dynamodb").scan(TableName="addressbook-local-contacts")["Items"]
        assert len(items) == 11
    finally:
        runtime.stop()
    assert java_processes_on(runtime.dynamodb_port) == []


def test_the_jvm_dies_with_a_killed_runtime(persistent_toy: Toy) -> None:
    runtime = persistent_toy.runtime
    runtime.start()
    assert java_processes_on(runtime.dynamodb_port)
    runtime.kill()
    deadline = time.monotonic() + 5
    while java_processes_on(runtime.dynamodb_port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert java_processes_on(runtime.dynamodb_port) == []
    assert os.path.exists(runtime.state_dir / "jwt-secret")


def test_the_runtime_stops_when_dynamodb_local_dies(persistent_toy: Toy) -> None:
    runtime = persistent_toy.runtime
    runtime.start()
    [jvm] = java_processes_on(runtime.dynamodb_port)
    os.kill(jvm, 9)
    process = runtime.process
    assert process is not None
    assert process.wait(timeout=10) == 1
    assert runtime.wait_for_log("DynamoDB Local exited unexpectedly")
    runtime.stop()

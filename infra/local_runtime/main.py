"""``python -m infra.local_runtime``: parse the options, prepare the environment, start
DynamoDB Local, then hand over to ``runtime`` (imported only then: it is the slow part)."""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Sequence
from typing import TextIO

from infra.local_runtime.dynamodb_local import DynamoDBLocal, MissingDynamoDBLocal
from infra.local_runtime.environment import ChaliceConfig, apply_environment
from infra.local_runtime.logs import configure_logging
from infra.local_runtime.settings import RuntimeSettings, parse_settings

log = logging.getLogger("local_runtime")


def check_ports_free(settings: RuntimeSettings) -> None:
    for port, what in (
        (settings.rest_port, "REST (--rest-port, LOCAL_REST_PORT)"),
        (settings.ws_port, "WebSocket (--ws-port, LOCAL_WS_PORT)"),
        (settings.dynamodb_port, "DynamoDB (--dynamodb-port, LOCAL_DYNAMODB_PORT)"),
    ):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((settings.host, port))
            except OSError:
                raise SystemExit(f"error: port {port} for {what} is already in use") from None


def lock_state_dir(settings: RuntimeSettings) -> TextIO:
    """Hold ``<state-dir>/runtime.lock`` for the life of the process: two runtimes on one
    state dir would share DynamoDB Local's files and the stream checkpoints."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    handle = (settings.state_dir / "runtime.lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SystemExit(
            f"error: another local runtime is using {settings.state_dir}; "
            "stop it or pass a different --state-dir"
        ) from None
    return handle


def _interrupt(number: int, _: object) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)


def run(settings: RuntimeSettings, started: float) -> int:
    config = ChaliceConfig.load(settings.project_dir, settings.stage)
    lock = lock_state_dir(settings)
    check_ports_free(settings)
    apply_environment(settings, config)
    ddb = DynamoDBLocal(
        settings.project_dir,
        settings.dynamodb_port,
        None if settings.in_memory else settings.data_dir,
        settings.state_dir / "dynamodb-local.log",
    )
    ddb.start()
    try:
        from infra.local_runtime.runtime import Runtime

        return Runtime(settings, config, ddb, started).run()
    finally:
        ddb.stop()
        lock.close()


def main(argv: Sequence[str] | None = None, started: float | None = None) -> int:
    started = time.monotonic() if started is None else started
    settings = parse_settings(argv)
    configure_logging(settings.verbose, (settings.project_dir, settings.app_dir))
    signal.signal(signal.SIGTERM, _interrupt)  # until the event loop takes over: clean up
    try:
        code = run(settings, started)
    except MissingDynamoDBLocal as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        code = 130
    sys.stdout.flush()
    stuck = [t for t in threading.enumerate() if t.name.startswith("lambda") and t.is_alive()]
    if stuck:
        # Worker threads cannot be interrupted; don't let a hung handler keep us alive.
        log.warning("abandoning %d running invocation(s)", len(stuck))
        sys.stdout.flush()
        os._exit(code)
    return code

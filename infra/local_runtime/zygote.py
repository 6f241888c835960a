"""Where execution environments come from: a process forked from the runtime right after
it imported the app, before any thread or event loop exists, that forks one worker process
per execution environment on request.

Each worker starts with the app already imported (a fork takes milliseconds; Lambda's own
cold start, the import, is what ``make bench`` measures separately) and then lives as an
execution environment (``worker.py``). The factory dies with the runtime, and the workers
with the factory (``PR_SET_PDEATHSIG``); a worker also ends when its channel closes.

Per-function environment variables are applied when the worker starts, after the app's
import: a module that reads one at import time sees the stage's value.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
from collections.abc import Mapping
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import NoReturn

from infra.local_runtime.app_loader import Handler
from infra.local_runtime.lambda_context import FunctionConfig
from infra.local_runtime.processes import die_with_parent, name_process


class WorkerFactoryStopped(Exception):
    pass


class Zygote:
    def __init__(self, handlers: Mapping[str, Handler]):
        self._handlers = handlers
        """Function name → handler, resolved in the runtime before the fork."""
        self._socket: socket.socket | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Fork the factory. Call it on the main thread before starting any other thread."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        sys.stdout.flush()
        sys.stderr.flush()
        runtime = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the forked factory
            ours.close()
            _run_factory(theirs, self._handlers, runtime)
        theirs.close()
        self._socket, self._pid = ours, pid

    def spawn(
        self, function: FunctionConfig, environment: Mapping[str, str]
    ) -> tuple[int, Connection]:
        """A new worker for ``function``: its pid and the channel to it."""
        ours, theirs = socket.socketpair()
        request = json.dumps({"function": asdict(function), "environment": dict(environment)})
        try:
            with self._lock:
                if self._socket is None:
                    raise WorkerFactoryStopped("the runtime is stopping")
                socket.send_fds(self._socket, [request.encode()], [theirs.fileno()])
                reply = self._socket.recv(32)
        except OSError as error:
            ours.close()
            raise WorkerFactoryStopped(f"the worker factory has stopped: {error}") from None
        finally:
            theirs.close()
        if not reply:
            ours.close()
            raise WorkerFactoryStopped("the worker factory has stopped")
        return int(reply), Connection(ours.detach())

    def stop(self) -> None:
        """Stop the factory (workers already started end with their channels)."""
        with self._lock:
            sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = None


def _run_factory(
    requests: socket.socket, handlers: Mapping[str, Handler], runtime: int
) -> NoReturn:
    """The factory's loop, in the forked child: one worker per request until EOF."""
    code = 0
    try:
        die_with_parent(runtime, signal.SIGKILL)
        name_process("worker-factory")
        _detach_from_runtime(requests.fileno())
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
        factory = os.getpid()
        while True:
            message, fds, _, _ = socket.recv_fds(requests, 1 << 16, 1)
            if not message:
                break
            request = json.loads(message)
            function = FunctionConfig(**request["function"])
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                requests.close()
                _run_worker(fds[0], handlers[function.name], function, request, factory)
            os.close(fds[0])
            requests.send(str(pid).encode())
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    os._exit(code)


def _run_worker(
    fd: int, handler: Handler, function: FunctionConfig, request: dict[str, object], factory: int
) -> NoReturn:
    from infra.local_runtime.worker import serve

    code = 0
    try:
        die_with_parent(factory, signal.SIGKILL)
        name_process(f"fn:{function.key}")
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        environment = request.get("environment")
        if isinstance(environment, dict):
            os.environ.update({str(k): str(v) for k, v in environment.items()})
        serve(Connection(fd), handler, function)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _detach_from_runtime(keep: int) -> None:
    """Drop what belongs to the runtime: its signal handlers (Ctrl-C reaches the whole
    process group: the runtime stops its workers itself) and every inherited descriptor
    but stdio (the state dir's lock, DynamoDB Local's pipes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))

"""Child processes that die with their parent, even when it is killed abruptly."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int, death_signal: int) -> None:
    """Have the kernel send ``death_signal`` to this process when the thread that forked it
    ends; at once if the parent is gone already. Runs in the child, after the fork."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, death_signal, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os.kill(os.getpid(), death_signal)


def name_process(name: str) -> None:
    """Show ``name`` (15 characters at most) for this process in ``ps`` and ``top``."""
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(name[:15])
    except OSError:
        pass


def spawn_with_parent_death(
    command: list[str], death_signal: int = signal.SIGKILL, **kwargs: Any
) -> subprocess.Popen[bytes]:
    """Start ``command`` in a process group of its own; the kernel sends it
    ``death_signal`` when the calling thread's process dies (Linux ``PR_SET_PDEATHSIG``).

    Call it from a thread that lives as long as the child should (the main thread):
    the signal is tied to the thread that forked.
    """
    parent = os.getpid()
    return subprocess.Popen(
        command,
        process_group=0,
        preexec_fn=lambda: die_with_parent(parent, death_signal),
        **kwargs,
    )


class OutputLog:
    """The merged stdout/stderr of child processes, read line by line on a thread."""

    def __init__(self, echo: bool = False):
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._echo = echo

    @property
    def text(self) -> str:
        with self._lock:
            return "".join(self._lines)

    def follow(
        self, process: subprocess.Popen[bytes], on_line: Callable[[str], None]
    ) -> threading.Thread:
        """Collect ``process``'s output until it closes, calling ``on_line`` for each line."""
        thread = threading.Thread(target=self._read, args=(process, on_line), daemon=True)
        thread.start()
        return thread

    def _read(self, process: subprocess.Popen[bytes], on_line: Callable[[str], None]) -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace")
            with self._lock:
                self._lines.append(line)
            if self._echo:
                sys.stdout.write(line)
            on_line(line)

"""CPU time and memory of the embedded runtime's processes, from ``/proc`` (Linux): the
runtime (the gateways), its worker processes (named ``fn:<function>``), the worker factory
and DynamoDB Local's JVM."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    pid: int
    name: str
    cpu_seconds: float


def _stat(pid: int) -> tuple[str, int, float] | None:
    try:
        with open(f"/proc/{pid}/stat") as file:
            stat = file.read()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def process_tree(root: int) -> list[Process]:
    """``root`` and every process descended from it."""
    found: dict[int, tuple[str, int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            found[int(entry)] = stat
    children: dict[int, list[int]] = {}
    for pid, (_, parent, _) in found.items():
        children.setdefault(parent, []).append(pid)
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        if pid in found:
            tree.append(Process(pid, found[pid][0], found[pid][2]))
            pending += children.get(pid, [])
    return tree


def cpu_by_role(root: int) -> dict[str, float]:
    """CPU seconds so far: ``gateway`` (the runtime process), ``broadcaster`` (its worker
    processes), ``all`` (every process of the runtime, DynamoDB Local included)."""
    roles = {"gateway": 0.0, "broadcaster": 0.0, "all": 0.0}
    for process in process_tree(root):
        roles["all"] += process.cpu_seconds
        if process.pid == root:
            roles["gateway"] += process.cpu_seconds
        elif process.name == "fn:broadcaster":
            roles["broadcaster"] += process.cpu_seconds
    return roles


def pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (the workers share the app with their factory)
    count once across the processes that share them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as file:
            for line in file:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemoryPeak:
    """Samples the Python processes of the runtime (gateway, factory, workers: not the JVM)
    every ``interval`` seconds; ``peak_mb`` is the largest sum of their PSS seen."""

    def __init__(self, root: int, interval: float = 0.1):
        self._root, self._interval = root, interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemoryPeak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            python = [p.pid for p in process_tree(self._root) if p.name != "java"]
            self.peak_mb = max(self.peak_mb, sum(pss_mb(pid) for pid in python))
            self._stop.wait(self._interval)

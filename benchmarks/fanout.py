"""Fan-out of one contact change to 1, 100 and 1,000 open WebSocket connections on the
embedded runtime: write-to-delivery latency (p50, p99: from the committed write to each
frame received) and total fan-out time (to the last frame; median of the runs), for the
broadcaster (stream → audience → concurrent posts) and for the baseline of AWS's chat
sample (Scan every connection, post one after another: ``baseline_broadcaster.py``).

Connections belong to the members of one shared book, ten per member. The baseline runs in
this process, invoked directly at the commit (no stream hop, which favours it), against the
same connections, the runtime's ``@connections`` API and DynamoDB Local.

Two settings: loopback (everything on this machine: posting costs CPU, not waiting), and
a simulated network, where every ``@connections`` request goes through a proxy that adds
10 ms (``latency_proxy.py``), roughly what a post from Lambda to API Gateway takes.

Run alone: ``python -m benchmarks.fanout [sizes...]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.fanout_world import FanoutWorld

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1, 100, 1000)
LATENCY_SIZES = (100, 1000)
LATENCY_MS = 10.0
RUNS = {1: 20, 100: 5, 1000: 3}
CONNECTIONS_PER_USER = 10
TIMEOUT = 60.0


@dataclass(frozen=True)
class Figures:
    p50_ms: float
    p99_ms: float
    total_ms: float
    missing: int

    def row(self, label: str) -> str:
        gap = f"   ({self.missing} frames missing)" if self.missing else ""
        return f"  {label:<28}{self.p50_ms:>9.1f}{self.p99_ms:>9.1f}{self.total_ms:>11.1f}{gap}"


def figures(latencies: list[float], totals: list[float], missing: int) -> Figures:
    ms = sorted(1000 * value for value in latencies) or [float("nan")]
    p99 = statistics.quantiles(ms, n=100, method="inclusive")[98] if len(ms) > 1 else ms[0]
    return Figures(statistics.median(ms), p99, 1000 * statistics.median(totals), missing)


async def measure(world: FanoutWorld, size: int) -> tuple[Figures, Figures]:
    from benchmarks.subscribers import Subscribers

    subscribers = Subscribers()
    await subscribers.open(world.ws_url, world.audience(size, CONNECTIONS_PER_USER))
    await asyncio.to_thread(world.write_contact, size)  # warm-up (cold start, connections)
    await subscribers.wait_for(world.last_contact_id, size, TIMEOUT)
    results = []
    for algorithm in (world.write_contact, world.run_baseline):
        latencies, totals, missing = [], [], 0
        for _ in range(RUNS.get(size, 3)):
            committed = await asyncio.to_thread(algorithm, size)
            arrivals = await subscribers.wait_for(world.last_contact_id, size, TIMEOUT)
            latencies += [arrival - committed for arrival in arrivals]
            totals.append(max(arrivals, default=committed + TIMEOUT) - committed)
            missing += size - len(arrivals)
        results.append(figures(latencies, totals, missing))
    await subscribers.close()
    await asyncio.to_thread(world.wait_until_disconnected)
    return results[0], results[1]


def report(world: FanoutWorld, sizes: Sequence[int]) -> None:
    print(f"  {'connections / algorithm':<28}{'p50 ms':>9}{'p99 ms':>9}{'total ms':>11}")
    for size in sizes:
        ours, baseline = asyncio.run(measure(world, size))
        members = world.members(size, CONNECTIONS_PER_USER)
        print(f"  {size} connection(s) of {members} member(s)")
        print(ours.row("broadcaster"))
        print(baseline.row("baseline: scan + one by one"))
        speedup = baseline.total_ms / ours.total_ms
        print(f"  {'baseline / broadcaster':<28}{'':>9}{baseline.p99_ms / ours.p99_ms:>8.1f}x"
              f"{speedup:>10.1f}x")  # fmt: skip


@contextmanager
def latency_proxy(delay_ms: float) -> Iterator[tuple[str, Any]]:
    """A proxy process in front of a runtime's ``@connections`` API; yields its URL and a
    function that starts the runtime behind it."""
    from infra.local_runtime.testing import LocalRuntime, free_ports

    (port,) = free_ports(1)
    url = f"http://127.0.0.1:{port}"
    runtime = LocalRuntime(
        in_memory=True, app_module="benchmarks.latency_app", env={"BENCH_MANAGEMENT_PROXY": url}
    )
    command = [sys.executable, "-m", "benchmarks.latency_proxy", str(port)]
    proxy = subprocess.Popen([*command, runtime.management_url, str(delay_ms)], cwd=ROOT)
    try:
        with runtime:
            yield url, runtime
    finally:
        proxy.terminate()
        proxy.wait(10)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the figures for ``argv`` sizes (default: 1, 100 and 1,000 connections)."""
    sizes = [int(arg) for arg in argv or ()] or list(SIZES)
    for path in (ROOT, ROOT / "layers" / "python"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # two sockets per connection
    from benchmarks.fanout_world import FanoutWorld
    from infra.local_runtime.testing import local_runtime

    print("Fan-out of one contact change (from the committed write to each frame received)")
    started = time.perf_counter()
    with local_runtime(in_memory=True) as runtime:
        print("Loopback")
        report(FanoutWorld(runtime), sizes)
    print(f"  ({time.perf_counter() - started:.0f} s)")
    latency_sizes = [size for size in sizes if size in LATENCY_SIZES]
    if not latency_sizes:
        return
    with latency_proxy(LATENCY_MS) as (proxy_url, runtime):
        print(f"Simulated network: {LATENCY_MS:.0f} ms added to every @connections request")
        report(FanoutWorld(runtime, proxy_url), latency_sizes)
    print(f"  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])

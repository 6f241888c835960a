"""Fan-out of one contact change to 1, 100, 1,000 and 5,000 open WebSocket connections on
the embedded runtime: write-to-delivery latency (p50, p99: from the committed write to each
frame received) and total fan-out time (to the last frame; median of the runs), for the
broadcaster (stream → audience → concurrent posts) and, up to 1,000 connections, for the
baseline of AWS's chat sample (Scan every connection, post one after another:
``baseline_broadcaster.py``). For the broadcaster also: the runtime's peak memory (PSS of
its Python processes: gateway, worker factory, workers) and the CPU time per delivered
frame of the gateway process (``@connections`` and WebSocket), of the broadcaster's worker
process(es), and of all the runtime's processes (DynamoDB Local included).

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
import dataclasses
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
SIZES = (1, 100, 1000, 5000)
BASELINE_SIZES = (1, 100, 1000)
LATENCY_SIZES = (100, 1000)
LATENCY_MS = 10.0
RUNS = {1: 20, 100: 5, 1000: 5, 5000: 3}
CONNECTIONS_PER_USER = 10
TIMEOUT = 60.0


@dataclass(frozen=True)
class Figures:
    p50_ms: float
    p99_ms: float
    total_ms: float
    missing: int
    cpu_us: dict[str, float] | None = None
    """CPU µs per delivered frame by role (``process_stats.cpu_by_role``)."""
    peak_mb: float | None = None

    def row(self, label: str) -> str:
        gap = f"   ({self.missing} frames missing)" if self.missing else ""
        cost = ""
        if self.cpu_us is not None and self.peak_mb is not None:
            cpu = self.cpu_us
            cost = (
                f"{self.peak_mb:>9.0f}"
                f"{cpu['gateway']:>9.0f}{cpu['broadcaster']:>9.0f}{cpu['all']:>9.0f}"
            )
        return (
            f"  {label:<28}{self.p50_ms:>9.1f}{self.p99_ms:>9.1f}{self.total_ms:>11.1f}{cost}{gap}"
        )


HEADER = (
    f"  {'connections / algorithm':<28}{'p50 ms':>9}{'p99 ms':>9}{'total ms':>11}"
    f"{'peak MB':>9}{'CPU µs per frame: gateway, broadcaster, all':>45}"
)


def figures(latencies: list[float], totals: list[float], missing: int) -> Figures:
    ms = sorted(1000 * value for value in latencies) or [float("nan")]
    p99 = statistics.quantiles(ms, n=100, method="inclusive")[98] if len(ms) > 1 else ms[0]
    return Figures(statistics.median(ms), p99, 1000 * statistics.median(totals), missing)


async def run(world: FanoutWorld, subscribers: Any, algorithm: Any, size: int) -> Figures:
    """``RUNS[size]`` fan-outs, one after another, and the CPU the runtime spent on them."""
    from benchmarks.process_stats import cpu_by_role

    latencies, totals, missing = [], [], 0
    before = cpu_by_role(world.runtime_pid)
    for _ in range(RUNS.get(size, 3)):
        committed = await asyncio.to_thread(algorithm, size)
        arrivals = await subscribers.wait_for(world.last_contact_id, size, TIMEOUT)
        latencies += [arrival - committed for arrival in arrivals]
        totals.append(max(arrivals, default=committed + TIMEOUT) - committed)
        missing += size - len(arrivals)
    after = cpu_by_role(world.runtime_pid)
    delivered = max(1, len(latencies))
    cpu = {role: (after[role] - before[role]) * 1e6 / delivered for role in after}
    return dataclasses.replace(figures(latencies, totals, missing), cpu_us=cpu)


async def measure(world: FanoutWorld, size: int, baseline: bool) -> tuple[Figures, Figures | None]:
    from benchmarks.process_stats import MemoryPeak
    from benchmarks.subscribers import Subscribers

    subscribers = Subscribers()
    with MemoryPeak(world.runtime_pid) as memory:
        await subscribers.open(world.ws_url, world.audience(size, CONNECTIONS_PER_USER))
        await asyncio.to_thread(world.write_contact, size)  # warm-up (cold start, connections)
        await subscribers.wait_for(world.last_contact_id, size, TIMEOUT)
        ours = await run(world, subscribers, world.write_contact, size)
    ours = dataclasses.replace(ours, peak_mb=memory.peak_mb)
    theirs = await run(world, subscribers, world.run_baseline, size) if baseline else None
    await subscribers.close()
    await asyncio.to_thread(world.wait_until_disconnected)
    return ours, theirs


def report(world: FanoutWorld, sizes: Sequence[int], baseline_sizes: Sequence[int]) -> None:
    print(HEADER)
    for size in sizes:
        ours, baseline = asyncio.run(measure(world, size, size in baseline_sizes))
        members = world.members(size, CONNECTIONS_PER_USER)
        print(f"  {size} connection(s) of {members} member(s)")
        print(ours.row("broadcaster"))
        if baseline is None:
            continue
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
    """Print the figures for ``argv`` sizes (default: 1, 100, 1,000 and 5,000 connections)."""
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
        report(FanoutWorld(runtime), sizes, BASELINE_SIZES)
    print(f"  ({time.perf_counter() - started:.0f} s)")
    latency_sizes = [size for size in sizes if size in LATENCY_SIZES]
    if not latency_sizes:
        return
    with latency_proxy(LATENCY_MS) as (proxy_url, runtime):
        print(f"Simulated network: {LATENCY_MS:.0f} ms added to every @connections request")
        report(FanoutWorld(runtime, proxy_url), latency_sizes, latency_sizes)
    print(f"  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])

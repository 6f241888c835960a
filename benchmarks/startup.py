"""Time for the embedded runtime to become ready: a first start (tables created on an empty
state directory) and a restart on the same data, as ``make run`` does them.

Run alone: ``python -m benchmarks.startup``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def main() -> None:
    for path in (ROOT, ROOT / "layers" / "python"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    from infra.local_runtime.testing import LocalRuntime

    first_starts: list[float | None] = []
    restarts: list[float | None] = []
    for _ in range(RUNS):
        with (
            tempfile.TemporaryDirectory() as state_dir,
            LocalRuntime(state_dir=Path(state_dir)) as runtime,  # entering starts it
        ):
            first_starts.append(runtime.startup_seconds)
            runtime.restart()
            restarts.append(runtime.startup_seconds)
    print(f"Embedded runtime time to ready (median of {RUNS}; aim: < 5 s)")
    for label, samples in (
        ("first start (creates tables)", first_starts),
        ("restart on existing data", restarts),
    ):
        seconds = statistics.median(s for s in samples if s is not None)
        print(f"  {label:34s} {seconds:6.2f} s")


if __name__ == "__main__":
    main()

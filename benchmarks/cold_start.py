"""Cold-start cost of each function: a fresh interpreter imports ``app`` (as Lambda does) and
builds the function's dependencies (what its first invocation does before any network
call). Printed beside ``import boto3`` alone, median of several runs.

Run alone: ``python -m benchmarks.cold_start``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
AIM = 1.5  # times ``import boto3``

# function -> the statements of its cold start: the import of its handler's module (``app``,
# except for the authorizer, which Chalice deploys from its blueprint's module) and what its
# first invocation builds before any network call.
FUNCTIONS: dict[str, str] = {
    "rest_api (APIHandler)": (
        "import app; app.app.routes; from functions.api.wiring import services; services()"
    ),
    "jwt_authorizer": "from functions.api.authorizer import _access_tokens; _access_tokens()",
    "websocket_connect": (
        "import app; from functions.websocket.wiring import services;"
        "s = services(); s.tokens; s.sockets;"
        "import functions.websocket.lifecycle, core.clock"
    ),
    "websocket_disconnect": (
        "import app; from functions.websocket.wiring import services; services().sockets;"
        "import functions.websocket.lifecycle"
    ),
    "websocket_message": (
        "import app; from functions.websocket.wiring import services;"
        "s = services(); s.sockets; s.gateway;"
        "import functions.websocket.actions, core.adapters.errors, core.adapters.parsing"
    ),
    "broadcaster": (
        "import app; from functions.broadcaster.handler import broadcast;"
        "from functions.broadcaster.wiring import services; services()"
    ),
    "contact_history": (
        "import app; from functions.contact_history.handler import record_history;"
        "from functions.contact_history.wiring import services; services()"
    ),
}

_TIMER = """
import time, sys
start = time.perf_counter()
{statements}
print(time.perf_counter() - start)
"""


def _environment(secret_file: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from infra.tables import table_environment

    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "AWS_"))},
        "PYTHONPATH": f"{ROOT}:{ROOT / 'layers' / 'python'}",
        "PYTHONDONTWRITEBYTECODE": "",
        "STAGE": "bench",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "JWT_SECRET_FILE": str(secret_file),
        "WEBSOCKET_MANAGEMENT_ENDPOINT": "http://127.0.0.1:1",
        "DYNAMODB_ENDPOINT_URL": "http://127.0.0.1:1",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "PYDANTIC_DISABLE_PLUGINS": "__all__",  # as .chalice/config.json sets for every stage
        **table_environment("bench"),
    }


def _median_seconds(statements: str, environment: dict[str, str]) -> float | None:
    samples = []
    for _ in range(RUNS):
        result = subprocess.run(
            [sys.executable, "-c", _TIMER.format(statements=statements)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(f"    failed: {result.stderr.strip().splitlines()[-1:]}")
            return None
        samples.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        secret_file = Path(scratch) / "jwt-secret"
        secret_file.write_text("b" * 64)
        environment = _environment(secret_file)
        # Warm the bytecode cache so every run measures imports, not compilation.
        _median_seconds("import app; app.app.routes".replace("; ", "\n"), environment)
        baseline = _median_seconds("import boto3", environment)
        print(f"Cold start (median of {RUNS} fresh interpreters; aim: <= {AIM}x import boto3)")
        print(f"  {'import boto3 (reference)':34s} {baseline * 1000 if baseline else 0:7.1f} ms")
        for name, statements in FUNCTIONS.items():
            lines = [part.strip() for part in statements.split(";")]
            seconds = _median_seconds("\n".join(lines), environment)
            if seconds is None or baseline is None:
                print(f"  {name:34s}     n/a")
                continue
            ratio = seconds / baseline
            verdict = "ok" if ratio <= AIM else "over aim"
            print(f"  {name:34s} {seconds * 1000:7.1f} ms  {ratio:4.2f}x  {verdict}")


if __name__ == "__main__":
    main()

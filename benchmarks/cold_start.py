"""Cold-start cost of each function: a fresh interpreter imports ``app`` (as Lambda does) and
builds the function's dependencies (what its first invocation does before any network
call). Printed beside ``import boto3`` alone, median of several runs, in two layouts:

- packaged: what Lambda runs. ``make package`` builds the function zip and the layer; they
  are unpacked read-only (Lambda's ``/var/task`` and ``/opt`` cannot be written, so Python
  cannot cache bytecode there) and the interpreter sees only them and the runtime's own
  boto3/botocore (``python -I -S``, ``sys.path`` = task, ``/opt/python``, runtime);
- dev: the project's virtualenv, with its bytecode caches.

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
{path}start = time.perf_counter()
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


def lambda_layout(scratch: Path) -> list[str]:
    """Package the stack, unpack its zips read-only as Lambda would; the ``sys.path``."""
    from infra.lambda_layout import unpack
    from infra.package import package

    built = package("dev", scratch / "build", log=False)
    return [str(p) for p in unpack(built.function_zip, built.layer_zip, scratch, read_only=True)]


def _median_seconds(
    statements: str, environment: dict[str, str], path: list[str] | None = None
) -> float | None:
    samples = []
    command = [sys.executable] if path is None else [sys.executable, "-I", "-S", "-B"]
    prelude = "" if path is None else f"sys.path[:0] = {path!r}\n"
    for _ in range(RUNS):
        result = subprocess.run(
            [*command, "-c", _TIMER.format(statements=statements, path=prelude)],
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
        # Warm the virtualenv's bytecode cache so its runs measure imports, not compilation.
        _median_seconds("import app; app.app.routes".replace("; ", "\n"), environment)
        layouts = {"packaged": lambda_layout(Path(scratch)), "dev venv": None}
        baselines = {
            name: _median_seconds("import boto3", environment, path)
            for name, path in layouts.items()
        }
        print(f"Cold start (median of {RUNS} fresh interpreters; aim: <= {AIM}x import boto3)")
        print(f"  {'':34s} {'packaged (zips + layer)':>24s} {'dev virtualenv':>22s}")
        row = "".join(f"{(b or 0) * 1000:16.1f} ms      " for b in baselines.values())
        print(f"  {'import boto3 (reference)':34s} {row}")
        for name, statements in FUNCTIONS.items():
            lines = "\n".join(part.strip() for part in statements.split(";"))
            cells = []
            for layout, path in layouts.items():
                seconds, baseline = _median_seconds(lines, environment, path), baselines[layout]
                if seconds is None or baseline is None:
                    cells.append(f"{'n/a':>22s}")
                    continue
                ratio = seconds / baseline
                verdict = "ok" if ratio <= AIM else "over"
                cells.append(f"{seconds * 1000:10.1f} ms {ratio:4.2f}x {verdict:4s}")
            print(f"  {name:34s} {'  '.join(cells)}")
        from infra.lambda_layout import make_writable

        make_writable(Path(scratch))


if __name__ == "__main__":
    main()

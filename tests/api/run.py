"""``make test-api``: Schemathesis over every operation of ``/openapi.json``, all checks,
against the embedded runtime. Operations come from the document, so routes added later are
checked too. Prints the run's time; exits with Schemathesis's status (0: no failure).

``python -m tests.api.run [--max-examples N] [extra schemathesis options]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
MAX_EXAMPLES = 10
"""Per operation and phase: ~1,450 requests, ~2 min on the 2-core machine under load."""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.api.run")
    parser.add_argument("--max-examples", type=int, default=MAX_EXAMPLES)
    args, extra = parser.parse_known_args()
    from infra.local_runtime.testing import LocalRuntime

    # The stage throttle is tested on its own; here it would only turn requests into 429s.
    runtime_args = ("--throttle-rate", "0")
    with LocalRuntime(in_memory=True, extra_args=runtime_args, ready_timeout=90) as runtime:
        name = "api" + uuid.uuid4().hex[:8]
        password = "schemathesis " + uuid.uuid4().hex
        account = {"username": name, "email": f"{name}@example.com", "password": password}
        user = requests.post(f"{runtime.rest_url}/auth/register", json=account, timeout=30)
        user.raise_for_status()
        env = {
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.api.hooks",
            "API_TEST_URL": runtime.rest_url,
            "API_TEST_SECRET_FILE": str(runtime.state_dir / "jwt-secret"),
            "API_TEST_USER_ID": user.json()["id"],
            "API_TEST_USERNAME": name,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "layers" / "python")]),
        }
        command = [
            str(Path(sys.executable).with_name("schemathesis")), "run",
            f"{runtime.rest_url}/openapi.json",
            "--checks", "all",
            "--max-examples", str(args.max_examples),
            "--generation-deterministic",
            "--request-timeout", "30",
            "--suppress-health-check", "all",
            *extra,
        ]  # fmt: skip
        started = time.monotonic()
        result = subprocess.run(command, env=env, cwd=ROOT, check=False)
        print(f"schemathesis: {time.monotonic() - started:.0f} s against the embedded runtime")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()

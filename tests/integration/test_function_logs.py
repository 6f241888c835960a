"""Log lines of a function are printed once: the app's Chalice logger and Powertools' Logger
are the same ``addressbook`` logger, and only Powertools may print through it. A fresh
interpreter, as a Lambda function or the embedded runtime starts one (a root handler on
stdout, the app imported, the broadcaster's ``Logger()``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="root %(name)s %(message)s")
import app
from aws_lambda_powertools import Logger
Logger().info("Event delivered")
logging.getLogger("addressbook").error("Caught exception for path /books")
"""


def test_each_log_line_is_printed_once() -> None:
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    environment = {
        **os.environ,
        **config["environment_variables"],
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'layers' / 'python'}",
    }
    printed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.splitlines()
    assert [line.count("Event delivered") for line in printed if "Event" in line] == [1]
    assert len([line for line in printed if "Caught exception" in line]) == 1
    assert json.loads(printed[0])["service"] == "addressbook"

"""The runtime's own settings: command-line options, with environment variables as defaults."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from infra.template.stages import PROD

PROJECT_DIR = Path(__file__).resolve().parents[2]
"""The repository root: where ``.chalice/config.json`` and ``layers/python`` live."""

DEFAULT_REST_PORT = 8000
DEFAULT_WS_PORT = 8001
DEFAULT_DYNAMODB_PORT = 8002
DEFAULT_IDLE_TIMEOUT_SECONDS = 600.0
"""API Gateway closes a WebSocket connection after 10 minutes without messages."""
DEFAULT_INTEGRATION_TIMEOUT_SECONDS = 29.0
"""API Gateway answers 504 when a REST integration has not answered within 29 s."""

DEFAULT_MAX_CONCURRENCY = 4


@dataclass(frozen=True)
class RuntimeSettings:
    project_dir: Path
    app_dir: Path
    app_module: str
    app_attribute: str
    stage: str
    state_dir: Path
    in_memory: bool
    host: str
    rest_port: int
    ws_port: int
    dynamodb_port: int
    idle_timeout_seconds: float
    integration_timeout_seconds: float
    poll_interval_seconds: float
    verbose: bool
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    """Worker processes per function at most (fewer if it declares ``reserved_concurrency``)."""
    throttle_rate: float = PROD.rest_throttle.rate_per_second
    """REST requests a second the stage allows (0: no throttling), as ``prod`` deploys it."""
    throttle_burst: int = PROD.rest_throttle.burst

    @property
    def data_dir(self) -> Path:
        return self.state_dir / "data"

    @property
    def checkpoint_dir(self) -> Path:
        return self.state_dir / "checkpoints"

    @property
    def failure_log(self) -> Path:
        return self.state_dir / "stream-failures.jsonl"

    @property
    def jwt_secret_file(self) -> Path:
        return self.state_dir / "jwt-secret"

    @property
    def rest_url(self) -> str:
        return f"http://{self.host}:{self.rest_port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.ws_port}"

    @property
    def management_url(self) -> str:
        return f"http://{self.host}:{self.ws_port}"

    @property
    def dynamodb_url(self) -> str:
        return f"http://{self.host}:{self.dynamodb_port}"


def _port(value: str) -> int:
    port = int(value)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a TCP port: {value}")
    return port


def build_parser(environ: Mapping[str, str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m infra.local_runtime",
        description="Run the Chalice app's REST API, WebSocket API and stream functions "
        "locally, on DynamoDB Local.",
    )
    add = parser.add_argument
    add("--app-module", default="app", help="module that defines the Chalice app (default: app)")
    add("--app-attribute", default="app", help="name of the Chalice object (default: app)")
    add("--app-dir", type=Path, help="directory to import the app module from (default: project)")
    add(
        "--project-dir",
        type=Path,
        default=PROJECT_DIR,
        help="project root, with .chalice/ and layers/",
    )
    add("--stage", default="local", help="stage of .chalice/config.json (default local)")
    add(
        "--state-dir",
        type=Path,
        default=Path(environ.get("LOCAL_STATE_DIR", PROJECT_DIR / ".local")),
        help="data, checkpoints and signing secret (env LOCAL_STATE_DIR; default .local)",
    )
    add("--in-memory", action="store_true", help="keep DynamoDB Local's data in memory only")
    add("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    for option, variable, default, what in (
        ("--rest-port", "LOCAL_REST_PORT", DEFAULT_REST_PORT, "REST API"),
        ("--ws-port", "LOCAL_WS_PORT", DEFAULT_WS_PORT, "WebSocket API and @connections"),
        ("--dynamodb-port", "LOCAL_DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT, "DynamoDB Local"),
    ):
        add(
            option,
            type=_port,
            default=_port(environ.get(variable, str(default))),
            help=f"{what} port (env {variable}; default {default})",
        )
    add(
        "--idle-timeout",
        type=float,
        default=DEFAULT_IDLE_TIMEOUT_SECONDS,
        help="seconds without messages before a WebSocket is closed (default 600)",
    )
    add(
        "--integration-timeout",
        type=float,
        default=DEFAULT_INTEGRATION_TIMEOUT_SECONDS,
        help="seconds to wait for the REST function before answering 504 (default 29)",
    )
    add(
        "--poll-interval-ms",
        type=float,
        default=25.0,
        help="first idle wait of each stream shard; doubles while idle, up to 100 (default 25)",
    )
    add(
        "--throttle-rate",
        type=float,
        default=float(environ.get("LOCAL_THROTTLE_RATE", PROD.rest_throttle.rate_per_second)),
        help="REST requests a second before 429, as the prod stage allows (env "
        "LOCAL_THROTTLE_RATE; 0 turns throttling off)",
    )
    add(
        "--throttle-burst",
        type=int,
        default=int(environ.get("LOCAL_THROTTLE_BURST", PROD.rest_throttle.burst)),
        help="REST requests allowed at once above the rate (env LOCAL_THROTTLE_BURST)",
    )
    add(
        "--max-concurrency",
        type=int,
        default=DEFAULT_MAX_CONCURRENCY,
        help="worker processes per function at most (default 4)",
    )
    add("--verbose", "-v", action="store_true", help="also log every event and response")
    return parser


def parse_settings(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> RuntimeSettings:
    environ = os.environ if environ is None else environ
    parser = build_parser(environ)
    args = parser.parse_args(argv)
    ports = (args.rest_port, args.ws_port, args.dynamodb_port)
    if len(set(ports)) != len(ports):
        parser.error(f"the REST, WebSocket and DynamoDB ports must differ: {ports}")
    project_dir = args.project_dir.resolve()
    return RuntimeSettings(
        project_dir=project_dir,
        app_dir=(args.app_dir or project_dir).resolve(),
        app_module=args.app_module,
        app_attribute=args.app_attribute,
        stage=args.stage,
        state_dir=args.state_dir.resolve(),
        in_memory=args.in_memory,
        host=args.host,
        rest_port=args.rest_port,
        ws_port=args.ws_port,
        dynamodb_port=args.dynamodb_port,
        idle_timeout_seconds=args.idle_timeout,
        integration_timeout_seconds=args.integration_timeout,
        poll_interval_seconds=args.poll_interval_ms / 1000,
        verbose=args.verbose,
        max_concurrency=max(1, args.max_concurrency),
        throttle_rate=args.throttle_rate,
        throttle_burst=args.throttle_burst,
    )

"""``endpoints.json``: how a client reaches a deployed stack, written by ``infra.deploy``
(``--endpoints-file``) and read by the end-to-end tests (``E2E_ENDPOINTS``).

    {"target": "ministack", "stage": "dev", "region": "us-east-1", "stack": "addressbook-dev",
     "rest": "http://localhost:4566/_aws/execute-api/<rest-api-id>/dev",
     "websocket": "ws://localhost:4566/_aws/execute-api/<websocket-api-id>/dev",
     "management": "http://localhost:4566/_aws/execute-api/<websocket-api-id>/dev",
     "aws_endpoint": "http://localhost:4566", "log": ".local/ministack/ministack.log"}

The URLs are the stack's outputs (``EndpointURL``, ``WebsocketConnectEndpointURL``,
``WebsocketManagementEndpoint``: derived from the deployed APIs by the template). On an
emulator the outputs name it as the functions reach it (``EmulatorEndpoint``); a client on
this machine reaches it at ``--endpoint-url``, so that host replaces theirs.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

READY_PATH = "/openapi.json"
"""A public route of the REST API: it answers once the API and its function are up."""


def client_endpoints(
    outputs: Mapping[str, str],
    *,
    target: str,
    stage: str,
    region: str,
    stack: str,
    endpoint_url: str | None,
    log: str | None = None,
) -> dict[str, Any]:
    def seen_from_here(url: str) -> str:
        return _rehost(url, endpoint_url).rstrip("/") if endpoint_url else url.rstrip("/")

    described: dict[str, Any] = {
        "target": target,
        "stage": stage,
        "region": region,
        "stack": stack,
        "rest": seen_from_here(outputs["EndpointURL"]),
        "websocket": seen_from_here(outputs["WebsocketConnectEndpointURL"]),
        "management": seen_from_here(outputs["WebsocketManagementEndpoint"]),
        "aws_endpoint": endpoint_url,
    }
    if log:
        described["log"] = log
    return described


def _rehost(url: str, endpoint_url: str) -> str:
    """``url`` with the scheme's host and port of ``endpoint_url`` (``ws`` stays ``ws``)."""
    parts, endpoint = urlsplit(url), urlsplit(endpoint_url)
    scheme = parts.scheme
    if scheme in ("http", "https"):
        scheme = endpoint.scheme
    elif scheme in ("ws", "wss"):
        scheme = "wss" if endpoint.scheme == "https" else "ws"
    return urlunsplit((scheme, endpoint.netloc, parts.path, parts.query, parts.fragment))


def write_endpoints(path: Path, described: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(described, indent=2, sort_keys=True) + "\n")


def wait_until_ready(rest_url: str, timeout: float = 180.0) -> float:
    """Wait until the REST API answers ``GET /openapi.json`` with 200 (the first request of
    a fresh stack pays the function's cold start); returns the seconds waited."""
    started = time.monotonic()
    deadline = started + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(rest_url.rstrip("/") + READY_PATH, timeout=60) as answer:
                if answer.status == 200:
                    return time.monotonic() - started
                last = answer.status
        except (urllib.error.URLError, OSError) as error:
            last = error
        time.sleep(1)
    raise TimeoutError(f"{rest_url}{READY_PATH} did not answer 200 in {timeout:.0f} s: {last}")

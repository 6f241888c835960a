"""What an end-to-end test talks to: the embedded runtime, or a deployed stack (MiniStack,
LocalStack, AWS) described by the ``endpoints.json`` that ``python -m infra.deploy`` writes.

The tests see one interface, ``Endpoints``; ``tests/e2e/conftest.py`` picks the target.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from infra.local_runtime.testing import poll_until
from infra.tables import table

T = TypeVar("T")
RUNTIME = "runtime"
ENDPOINTS_VARIABLE = "E2E_ENDPOINTS"
"""Path of an ``endpoints.json``: when set, the e2e tests run against that deployment."""
READY_TIMEOUT = 120.0
"""Seconds the embedded runtime may take to start: ~2 s alone, over 30 s on a busy machine."""
PATIENCE_VARIABLE = "E2E_PATIENCE"
"""Overrides the deployed stack's ``patience`` (default 6: a 60 s request timeout)."""
EMULATOR_CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}


@dataclass
class Endpoints:
    target: str
    """``runtime`` (the embedded runtime), ``ministack``, ``localstack`` or ``aws``."""
    rest_url: str
    """The REST API's base URL, without a trailing slash (``rest_url + "/me"``)."""
    ws_url: str
    """The WebSocket API's URL, without a trailing slash; see ``websocket_url``."""
    management_url: str
    """The ``@connections`` endpoint (``endpoint_url`` of ``apigatewaymanagementapi``)."""
    region: str
    stage: str
    aws_endpoint: str | None = None
    """Where the test's own boto3 clients go (DynamoDB Local, the emulator); None on AWS."""
    patience: float = 1.0
    """Multiplies the waits of ``wait_for`` and ``timeout``: a deployed stack is slower (a
    concurrent burst cold-starts a function once per request in flight)."""
    diagnostics: Callable[[], str] = field(default=lambda: "", repr=False)
    clients: Callable[[str], Any] = field(default=lambda service: None, repr=False)

    @property
    def timeout(self) -> float:
        """Seconds one HTTP request, WebSocket handshake or expected frame may take here."""
        return 10.0 * self.patience

    @property
    def deployed(self) -> bool:
        return self.target != RUNTIME

    def websocket_url(self, token: str | None = None) -> str:
        """The URL a client opens, with the access token when given."""
        return self.ws_url + (f"?{urlencode({'token': token})}" if token is not None else "")

    def table_name(self, key: str) -> str:
        """The physical name of the table ``key`` of ``infra/tables.py`` on this target."""
        return table(key).physical_name(self.stage)

    def client(self, service: str) -> Any:
        """A boto3 client (cached) for ``dynamodb``, ``dynamodbstreams`` or
        ``apigatewaymanagementapi``, pointed at this target."""
        return self.clients(service)

    def wait_for(self, condition: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Poll ``condition`` until it returns something truthy, and return that; an
        AssertionError (with the target's diagnostics) if it does not within
        ``timeout * patience`` seconds."""
        return poll_until(condition, timeout * self.patience, self.diagnostics)


def runtime_endpoints(runtime: Any) -> Endpoints:
    """The endpoints of a running ``infra.local_runtime.testing.LocalRuntime``."""
    return Endpoints(
        target=RUNTIME,
        rest_url=runtime.rest_url,
        ws_url=runtime.ws_url,
        management_url=runtime.management_url,
        region=runtime.region,
        stage="local",
        aws_endpoint=runtime.dynamodb_url,
        diagnostics=lambda: "runtime log:\n" + runtime.log[-3000:],
        clients=runtime.client,
    )


def deployed_endpoints(path: Path) -> Endpoints:
    """The endpoints of a deployed stack, from the file ``infra.deploy`` wrote."""
    described = json.loads(path.read_text())
    log = described.get("log")

    def diagnostics() -> str:
        if not log or not os.path.exists(log):
            return f"(no emulator log; stack {described.get('stack')})"
        with open(log, encoding="utf-8", errors="replace") as file:
            return f"end of {log}:\n" + file.read()[-3000:]

    @functools.cache
    def clients(service: str) -> Any:
        import boto3

        endpoint = described["management"] if service == "apigatewaymanagementapi" else None
        credentials = {} if described["target"] == "aws" else EMULATOR_CREDENTIALS
        session: Any = boto3.session.Session()
        return session.client(
            service,
            endpoint_url=endpoint or described.get("aws_endpoint"),
            region_name=described["region"],
            **credentials,
        )

    return Endpoints(
        target=described["target"],
        rest_url=described["rest"].rstrip("/"),
        ws_url=described["websocket"].rstrip("/"),
        management_url=described["management"].rstrip("/"),
        region=described["region"],
        stage=described["stage"],
        aws_endpoint=described.get("aws_endpoint"),
        patience=float(os.environ.get(PATIENCE_VARIABLE, described.get("patience", 6.0))),
        diagnostics=diagnostics,
        clients=clients,
    )

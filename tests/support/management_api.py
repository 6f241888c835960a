"""A fake API Gateway Management API: a local HTTP/1.1 server answering
``POST [/{stage}]/@connections/{id}`` like API Gateway does (200, 410 ``GoneException``, or
the errors a test asks for), so the fan-out's transport runs against a real socket.

Given the secret keys of its callers, it checks each request's SigV4 signature (service
``execute-api``) as API Gateway would, from the request as received."""

from __future__ import annotations

import hmac
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ERROR_TYPES = {
    403: "ForbiddenException",
    410: "GoneException",
    429: "LimitExceededException",
    500: "InternalServerErrorException",
    503: "ServiceUnavailableException",
}
AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<day>\d{8})/(?P<region>[^/]+)/"
    r"(?P<service>[^/]+)/aws4_request, SignedHeaders=(?P<signed>[a-z0-9;-]+), "
    r"Signature=(?P<signature>[0-9a-f]{64})"
)


class FakeManagementApi:
    def __init__(self, stage: str = "test", secret_keys: Mapping[str, str] | None = None) -> None:
        self.gone: set[str] = set()
        self.failing: dict[str, int] = defaultdict(int)
        """How many 500s a connection answers before it works again."""
        self.statuses: dict[str, list[int]] = defaultdict(list)
        """Statuses a connection answers first, one per request, before it works."""
        self.delay = 0.0
        """Seconds each request takes."""
        self.drop_idle = False
        """Close each kept-alive connection after its response without saying so."""
        self.frames: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.authorizations: list[str] = []
        self.signature_problems: list[str] = []
        """Only checked with ``secret_keys`` (access key → secret key)."""
        self.connections_opened = 0
        self.most_in_flight = 0
        self._secret_keys = dict(secret_keys or {})
        self._in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_port}/{stage}"

    def __enter__(self) -> FakeManagementApi:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, connection_id: str, body: bytes, headers: Mapping[str, str]) -> int:
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        time.sleep(self.delay)
        with self._lock:
            self._in_flight -= 1
            self.authorizations.append(headers.get("authorization", ""))
            if connection_id in self.gone:
                return 410
            if self.statuses[connection_id]:
                return self.statuses[connection_id].pop(0)
            if self.failing[connection_id] > 0:
                self.failing[connection_id] -= 1
                return 500
            self.frames[connection_id].append(json.loads(body))
            return 200

    def check_signature(self, path: str, body: bytes, headers: Mapping[str, str]) -> None:
        problem = signature_problem(path, body, headers, self._secret_keys)
        if problem is not None:
            with self._lock:
                self.signature_problems.append(problem)

    def opened_connection(self) -> None:
        with self._lock:
            self.connections_opened += 1

    def types_and_ids(self, connection_id: str) -> list[tuple[str, str]]:
        return [(frame["type"], frame["data"]["id"]) for frame in self.frames[connection_id]]


def signature_problem(
    path: str, body: bytes, headers: Mapping[str, str], secret_keys: Mapping[str, str]
) -> str | None:
    """What is wrong with a ``POST`` request's SigV4 signature for ``execute-api``, as
    received (the raw path, the Host header as sent; header names in lower case), or None."""
    found = AUTHORIZATION.fullmatch(headers.get("authorization", ""))
    if found is None:
        return f"no SigV4 authorization: {headers.get('authorization')!r}"
    signed = found["signed"].split(";")
    timestamp = headers.get("x-amz-date", "")
    if found["service"] != "execute-api" or found["key"] not in secret_keys:
        return f"signed for {found['service']} by {found['key']}"
    if not {"host", "x-amz-date"} <= set(signed) or not timestamp.startswith(found["day"]):
        return f"host and date must be signed: {found['signed']}, {timestamp}"
    if "x-amz-security-token" in headers and "x-amz-security-token" not in signed:
        return "the session token is not signed"
    request = AWSRequest(
        "POST",
        f"http://{headers['host']}{path}",
        data=body,
        headers={name: headers[name] for name in signed if name in headers},
    )
    request.context["timestamp"] = timestamp
    signer = SigV4Auth(
        Credentials(found["key"], secret_keys[found["key"]]), "execute-api", found["region"]
    )
    to_sign = signer.string_to_sign(request, signer.canonical_request(request))
    if not hmac.compare_digest(signer.signature(to_sign, request), found["signature"]):
        return f"wrong signature for {path}"
    return None


def _handler(api: FakeManagementApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            api.opened_connection()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            head, _, connection_id = self.path.rpartition("/")
            if not head.endswith("/@connections"):
                self._reply(404, "NotFoundException")
                return
            headers = {name.lower(): value for name, value in self.headers.items()}
            if api._secret_keys:
                api.check_signature(self.path, body, headers)
            status = api.answer(unquote(connection_id), body, headers)
            self._reply(status, ERROR_TYPES.get(status))

        def _reply(self, status: int, error: str | None) -> None:
            payload = json.dumps({"message": error}).encode() if error else b""
            self.send_response(status)
            if error:
                self.send_header("x-amzn-ErrorType", error)
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.close_connection = api.drop_idle

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler

"""A fake API Gateway Management API: a local HTTP/1.1 server answering
``POST [/{stage}]/@connections/{id}`` like API Gateway does (200, 410 ``GoneException``, or
the 500s a test asks for), so both fan-out transports run against a real socket."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote


class FakeManagementApi:
    def __init__(self, stage: str = "test") -> None:
        self.gone: set[str] = set()
        self.failing: dict[str, int] = defaultdict(int)
        """How many 500s a connection answers before it works again."""
        self.drop_idle = False
        """Close each kept-alive connection after its response without saying so."""
        self.chunked_errors = False
        self.frames: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.authorizations: list[str] = []
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

    def answer(self, connection_id: str, body: bytes, authorization: str) -> int:
        with self._lock:
            self.authorizations.append(authorization)
            if connection_id in self.gone:
                return 410
            if self.failing[connection_id] > 0:
                self.failing[connection_id] -= 1
                return 500
            self.frames[connection_id].append(json.loads(body))
            return 200

    def types_and_ids(self, connection_id: str) -> list[tuple[str, str]]:
        return [(frame["type"], frame["data"]["id"]) for frame in self.frames[connection_id]]


def _handler(api: FakeManagementApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            head, _, connection_id = self.path.rpartition("/")
            if not head.endswith("/@connections"):
                self._reply(404, "NotFoundException")
                return
            status = api.answer(unquote(connection_id), body, self.headers.get("Authorization", ""))
            error = {410: "GoneException", 500: "InternalServerErrorException"}.get(status)
            self._reply(status, error)

        def _reply(self, status: int, error: str | None) -> None:
            payload = json.dumps({"message": error}).encode() if error else b""
            self.send_response(status)
            if error:
                self.send_header("x-amzn-ErrorType", error)
                self.send_header("Content-Type", "application/json")
            if error and api.chunked_errors:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload))
            else:
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            self.close_connection = api.drop_idle

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler

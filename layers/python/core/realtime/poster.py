"""Posting one frame to many WebSocket connections at once through the API Gateway
Management API: ``POST {endpoint}/@connections/{id}``, SigV4-signed (``signing.py``, the
canonical form of botocore's signer, service ``execute-api``) and sent with the standard
library's ``http.client`` over kept-alive connections: ``concurrency`` posting threads,
started once, each with its own connection, take the posts from one queue.

Connection IDs come in batches (one per user, as their lookups finish); posting starts with
the first batch. Per connection the result is ``DELIVERED``, ``GONE`` (410) or the
exception that stopped it; a 429, a 5xx, a timeout or a broken connection is tried once
more, any other answer is a failure at once.
"""

from __future__ import annotations

import http.client
import ssl
import threading
import time
from collections.abc import Iterable, Sequence
from queue import SimpleQueue
from typing import NamedTuple, Protocol
from urllib.parse import quote, urlsplit

from botocore.credentials import ReadOnlyCredentials

from core.realtime.fanout import DELIVERED, GONE, PostResult
from core.realtime.signing import PayloadSigner

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
ATTEMPTS = 2
RETRY_PAUSE = 0.05


class Timeout(NamedTuple):
    connect: float = 2.0
    read: float = 5.0


class CredentialSource(Protocol):
    """botocore's credentials (``Session.get_credentials()``), refreshed as they expire."""

    def get_frozen_credentials(self) -> ReadOnlyCredentials: ...


class PostFailed(Exception):
    def __init__(self, status: int, error_type: str | None) -> None:
        super().__init__(f"the management API answered {status} {error_type or ''}".strip())
        self.status = status


class _Post(NamedTuple):
    connection_id: str
    body: bytes
    signer: PayloadSigner
    done: SimpleQueue[tuple[str, PostResult]]


class ConnectionPoster:
    def __init__(
        self,
        endpoint_url: str,
        region: str,
        credentials: CredentialSource,
        concurrency: int = 64,
        timeout: Timeout = Timeout(),
    ) -> None:
        url = urlsplit(endpoint_url)
        self._tls = url.scheme == "https"
        default_port = 443 if self._tls else 80
        self._address = (url.hostname or "", url.port or default_port)
        self._host = url.netloc if url.port not in (None, default_port) else url.hostname or ""
        self._path = f"{url.path.rstrip('/')}/@connections/"
        self._region, self._credentials = region, credentials
        self._timeout = timeout
        self._tls_context: ssl.SSLContext | None = None
        self._local = threading.local()
        self._opened: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._concurrency = concurrency
        self._queue: SimpleQueue[_Post | None] = SimpleQueue()
        self._threads: list[threading.Thread] = []

    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> dict[str, PostResult]:
        body = frame.encode()
        credentials = self._credentials.get_frozen_credentials()
        signer = PayloadSigner(credentials, self._region, "execute-api", self._host, body)
        done: SimpleQueue[tuple[str, PostResult]] = SimpleQueue()
        self._start_threads()
        posted = 0
        for batch in batches:
            for connection_id in batch:
                self._queue.put(_Post(connection_id, body, signer, done))
                posted += 1
        return dict(done.get() for _ in range(posted))

    def close(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(1)
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()

    def _start_threads(self) -> None:
        """The posting threads, started once; each posts what the queue hands it."""
        if self._threads:
            return
        for number in range(self._concurrency):
            thread = threading.Thread(target=self._serve, name=f"post-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self) -> None:
        while (post := self._queue.get()) is not None:
            try:
                result = self._post(post.connection_id, post.body, post.signer)
            except Exception as error:  # anything unforeseen still answers for the post
                result = error
            post.done.put((post.connection_id, result))

    def _post(self, connection_id: str, body: bytes, signer: PayloadSigner) -> PostResult:
        path = self._path + quote(connection_id, safe="")
        outcome: PostResult = PostFailed(0, None)
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                time.sleep(RETRY_PAUSE)
            connection = self._connection()
            try:
                if connection.sock is None:
                    self._connect(connection)
                connection.request("POST", path, body, signer.headers(path))
                response = connection.getresponse()
                response.read()
            except (http.client.HTTPException, OSError) as error:
                connection.close()  # reopened by the next request on this thread
                outcome = error
                continue
            status = response.status
            if status == 410:
                return GONE
            if status < 300:
                return DELIVERED
            outcome = PostFailed(status, response.getheader("x-amzn-ErrorType"))
            if status not in RETRYABLE_STATUSES:
                break
        return outcome

    def _connection(self) -> http.client.HTTPConnection:
        """This thread's kept-alive connection (not connected yet, or closed after an
        error: ``_post`` connects it)."""
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            host, port = self._address
            if self._tls:
                connection = http.client.HTTPSConnection(
                    host, port, timeout=self._timeout.connect, context=self._tls_context_()
                )
            else:
                connection = http.client.HTTPConnection(host, port, timeout=self._timeout.connect)
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def _connect(self, connection: http.client.HTTPConnection) -> None:
        """Connect within the connect timeout, then wait up to ``read`` for each answer."""
        connection.connect()
        assert connection.sock is not None
        connection.sock.settimeout(self._timeout.read)

    def _tls_context_(self) -> ssl.SSLContext:
        if self._tls_context is None:
            from botocore.httpsession import get_cert_path

            self._tls_context = ssl.create_default_context(cafile=get_cert_path(True))
        return self._tls_context

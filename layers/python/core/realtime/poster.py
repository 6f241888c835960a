"""Posting one frame to many WebSocket connections at once through the API Gateway
Management API (``POST {endpoint}/@connections/{id}``, SigV4-signed like boto3's
``apigatewaymanagementapi`` client): at most ``concurrency`` requests in flight, over
kept-alive connections, on an event loop of its own that lives as long as the process.

Connection IDs come in batches (one per user, as their lookups finish); posting starts with
the first batch. Per connection the result is ``DELIVERED``, ``GONE`` (410) or the
exception that stopped it; throttling, 5xx answers and broken connections are tried twice.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from core.realtime.http1 import HttpConnection, ProtocolError
from core.realtime.sigv4 import Credentials, RequestSigner, payload_hash

DELIVERED, GONE = "delivered", "gone"
PostResult = str | Exception
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSPORT_ERRORS = (OSError, TimeoutError, asyncio.IncompleteReadError, ProtocolError)


class PostFailed(Exception):
    def __init__(self, status: int, error_type: str | None) -> None:
        super().__init__(f"the management API answered {status} {error_type or ''}".strip())
        self.status = status


class ConnectionPoster:
    def __init__(
        self,
        endpoint_url: str,
        region: str,
        credentials: Callable[[], Credentials],
        concurrency: int = 64,
        timeout: float = 5.0,
    ) -> None:
        url = urlsplit(endpoint_url)
        default_port = 443 if url.scheme == "https" else 80
        self._address = (url.hostname or "", url.port or default_port)
        self._host = url.netloc if url.port not in (None, default_port) else url.hostname or ""
        self._tls = ssl.create_default_context() if url.scheme == "https" else None
        self._base_path = url.path.rstrip("/")
        self._region, self._credentials = region, credentials
        self._signer: tuple[Credentials, RequestSigner] | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._timeout = timeout
        self._idle: list[HttpConnection] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> dict[str, PostResult]:
        body, loop, signer = frame.encode(), self._running_loop(), self._current_signer()
        digest = payload_hash(body)
        futures = [
            asyncio.run_coroutine_threadsafe(self._post_batch(batch, body, digest, signer), loop)
            for batch in batches
            if batch
        ]
        results: dict[str, PostResult] = {}
        for future in futures:
            results.update(future.result())
        return results

    def close(self) -> None:
        """Stop the event loop (its thread ends; kept-alive connections are dropped)."""
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="poster", daemon=True).start()
            return self._loop

    async def _post_batch(
        self, connection_ids: Sequence[str], body: bytes, digest: str, signer: RequestSigner
    ) -> dict[str, PostResult]:
        posts = (self._post(cid, body, digest, signer) for cid in connection_ids)
        return dict(zip(connection_ids, await asyncio.gather(*posts), strict=True))

    async def _post(
        self, connection_id: str, body: bytes, digest: str, signer: RequestSigner
    ) -> PostResult:
        path = f"{self._base_path}/@connections/{quote(connection_id, safe='')}"
        outcome: PostResult = PostFailed(0, None)
        async with self._slots:
            for attempt in (1, 2):
                connection: HttpConnection | None = None
                try:
                    connection = await self._connection(reuse=attempt == 1)
                    head = self._head(path, signer, digest, len(body))
                    request = connection.request(head, body)
                    response = await asyncio.wait_for(request, self._timeout)
                except TRANSPORT_ERRORS as error:
                    if connection is not None:
                        connection.close()
                    outcome = error
                    continue
                if not connection.closed:
                    self._idle.append(connection)
                if response.status == 410:
                    return GONE
                if response.status < 300:
                    return DELIVERED
                outcome = PostFailed(response.status, response.headers.get("x-amzn-errortype"))
                if response.status not in RETRYABLE_STATUSES:
                    break
                await asyncio.sleep(0.05 * attempt)
        return outcome

    async def _connection(self, reuse: bool) -> HttpConnection:
        """A kept-alive connection, or a new one (always, when a post is tried again)."""
        while reuse and self._idle:
            connection = self._idle.pop()
            if connection.usable:
                return connection
            connection.close()
        opening = HttpConnection.open(*self._address, self._tls)
        return await asyncio.wait_for(opening, self._timeout)

    def _head(self, path: str, signer: RequestSigner, digest: str, length: int) -> bytes:
        headers = signer.post_headers(self._host, path, digest, datetime.now(UTC))
        lines = [f"POST {path} HTTP/1.1", f"content-length: {length}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _current_signer(self) -> RequestSigner:
        credentials = self._credentials()
        if self._signer is None or self._signer[0] != credentials:
            self._signer = (credentials, RequestSigner(credentials, self._region, "execute-api"))
        return self._signer[1]

"""Posting one frame to many WebSocket connections at once through the API Gateway
Management API: ``POST {endpoint}/@connections/{id}``, signed by botocore's SigV4 signer
(service ``execute-api``) and sent by urllib3 over kept-alive connections, at most
``concurrency`` requests in flight (a thread pool of that size, a connection pool of that
size). A boto3 ``post_to_connection`` does the same with about twice the CPU per post.

Connection IDs come in batches (one per user, as their lookups finish); posting starts with
the first batch. Per connection the result is ``DELIVERED``, ``GONE`` (410) or the
exception that stopped it; a 429, a 5xx, a timeout or a broken connection is tried once
more, any other answer is a failure at once.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol
from urllib.parse import quote, urlsplit

import urllib3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials
from botocore.httpsession import get_cert_path

from core.realtime.fanout import DELIVERED, GONE, PostResult

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
ATTEMPTS = 2
RETRY_PAUSE = 0.05


class CredentialSource(Protocol):
    """botocore's credentials (``Session.get_credentials()``), refreshed as they expire."""

    def get_frozen_credentials(self) -> ReadOnlyCredentials: ...


class PostFailed(Exception):
    def __init__(self, status: int, error_type: str | None) -> None:
        super().__init__(f"the management API answered {status} {error_type or ''}".strip())
        self.status = status


class ConnectionPoster:
    def __init__(
        self,
        endpoint_url: str,
        region: str,
        credentials: CredentialSource,
        concurrency: int = 64,
        timeout: urllib3.Timeout | None = None,
    ) -> None:
        url = urlsplit(endpoint_url)
        default_port = 443 if url.scheme == "https" else 80
        self._host = url.netloc if url.port not in (None, default_port) else url.hostname or ""
        self._origin = f"{url.scheme}://{self._host}"
        self._path = f"{url.path.rstrip('/')}/@connections/"
        self._region, self._credentials = region, credentials
        tls = {"ca_certs": get_cert_path(True)} if url.scheme == "https" else {}
        self._pool = urllib3.connection_from_url(
            endpoint_url,
            maxsize=concurrency,
            block=True,
            retries=False,
            timeout=timeout or urllib3.Timeout(connect=2.0, read=5.0),
            **tls,
        )
        self._posts = ThreadPoolExecutor(concurrency, thread_name_prefix="post")

    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> dict[str, PostResult]:
        body = frame.encode()
        signer = SigV4Auth(self._credentials.get_frozen_credentials(), "execute-api", self._region)
        posts = {
            cid: self._posts.submit(self._post, cid, body, signer)
            for batch in batches
            for cid in batch
        }
        return {cid: post.result() for cid, post in posts.items()}

    def close(self) -> None:
        self._posts.shutdown(cancel_futures=True)
        self._pool.close()

    def _post(self, connection_id: str, body: bytes, signer: SigV4Auth) -> PostResult:
        path = self._path + quote(connection_id, safe="")
        outcome: PostResult = PostFailed(0, None)
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                time.sleep(RETRY_PAUSE)
            # The Host header is set, so it is signed exactly as sent.
            request = AWSRequest(
                "POST", self._origin + path, data=body, headers={"Host": self._host}
            )
            signer.add_auth(request)
            try:
                response = self._pool.urlopen(
                    "POST", path, body=body, headers=dict(request.headers.items()), redirect=False
                )
            except (urllib3.exceptions.HTTPError, OSError) as error:
                outcome = error
                continue
            if response.status == 410:
                return GONE
            if response.status < 300:
                return DELIVERED
            outcome = PostFailed(response.status, response.headers.get("x-amzn-ErrorType"))
            if response.status not in RETRYABLE_STATUSES:
                break
        return outcome

"""AWS Signature Version 4 for the many small, identical-but-for-the-path POSTs of a
fan-out: the payload hash is computed once per frame and the signing key once per day,
so signing a post is two SHA-256s and one HMAC. Checked against botocore's signer."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

ALGORITHM = "AWS4-HMAC-SHA256"


@dataclass(frozen=True)
class Credentials:
    access_key: str
    secret_key: str
    token: str | None = None


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class RequestSigner:
    def __init__(self, credentials: Credentials, region: str, service: str) -> None:
        self._credentials = credentials
        self._region = region
        self._service = service
        self._keys: dict[str, bytes] = {}

    def _key(self, day: str) -> bytes:
        if day not in self._keys:
            key = _hmac(f"AWS4{self._credentials.secret_key}".encode(), day)
            for part in (self._region, self._service, "aws4_request"):
                key = _hmac(key, part)
            self._keys = {day: key}
        return self._keys[day]

    def post_headers(
        self, host: str, path: str, payload_hash: str, now: datetime
    ) -> dict[str, str]:
        """Headers that sign ``POST <path>`` (already percent-encoded, no query) to ``host``
        (with its port, if not the scheme's default); ``now`` in UTC."""
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        day = stamp[:8]
        headers = {"host": host, "x-amz-date": stamp}
        if self._credentials.token:
            headers["x-amz-security-token"] = self._credentials.token
        signed = ";".join(headers)
        canonical = "\n".join(
            (
                "POST",
                quote(path, safe="/~"),
                "",
                "".join(f"{name}:{value}\n" for name, value in headers.items()),
                signed,
                payload_hash,
            )
        )
        scope = f"{day}/{self._region}/{self._service}/aws4_request"
        to_sign = "\n".join(
            (ALGORITHM, stamp, scope, hashlib.sha256(canonical.encode()).hexdigest())
        )
        signature = hmac.new(self._key(day), to_sign.encode(), hashlib.sha256).hexdigest()
        credential = f"{self._credentials.access_key}/{scope}"
        headers["authorization"] = (
            f"{ALGORITHM} Credential={credential}, SignedHeaders={signed}, Signature={signature}"
        )
        return headers


def payload_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def session_credentials() -> Callable[[], Credentials]:
    """The current credentials of botocore's default chain (on Lambda: the function's role),
    refreshed as botocore refreshes them."""
    from botocore.session import get_session

    session = get_session()

    def current() -> Credentials:
        found = session.get_credentials()
        frozen = found.get_frozen_credentials() if found is not None else None
        if frozen is None or not frozen.access_key or not frozen.secret_key:
            raise RuntimeError("no AWS credentials to sign requests with")
        return Credentials(frozen.access_key, frozen.secret_key, frozen.token)

    return current

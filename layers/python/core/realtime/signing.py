"""SigV4 signatures for posting one body to many ``@connections`` paths.

The canonical request is exactly the one botocore's ``SigV4Auth`` builds for a request
carrying only ``Host`` (and ``X-Amz-Security-Token`` with temporary credentials): the
same canonical path, signed headers and payload hash, so API Gateway (and the embedded
runtime, which verifies them) accept these signatures as boto3's. What it saves: the
derived signing key is computed once a day instead of per request, the payload's hash
once per fan-out, and ``X-Amz-Date`` once a second.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from functools import lru_cache
from urllib.parse import quote

from botocore.credentials import ReadOnlyCredentials
from botocore.utils import normalize_url_path

ALGORITHM = "AWS4-HMAC-SHA256"


@lru_cache(maxsize=16)
def signing_key(secret: str, day: str, region: str, service: str) -> bytes:
    key = ("AWS4" + secret).encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


@lru_cache(maxsize=4)
def _amz_date(epoch_second: int) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch_second))


class PayloadSigner:
    """Signs ``method`` requests with one body to any path on ``host``."""

    def __init__(
        self,
        credentials: ReadOnlyCredentials,
        region: str,
        service: str,
        host: str,
        body: bytes,
        method: str = "POST",
    ) -> None:
        self._credentials = credentials
        self._region, self._service, self._host = region, service, host
        self._method = method
        self._payload_hash = hashlib.sha256(body).hexdigest()
        token = credentials.token
        self._token_line = f"x-amz-security-token:{' '.join(token.split())}\n" if token else ""
        self._signed = "host;x-amz-date" + (";x-amz-security-token" if token else "")

    def headers(self, path: str) -> dict[str, str]:
        """The headers to send with a request to ``path`` (as sent, percent-encoded)."""
        amz_date = _amz_date(int(time.time()))
        day = amz_date[:8]
        scope = f"{day}/{self._region}/{self._service}/aws4_request"
        canonical = (
            f"{self._method}\n{quote(normalize_url_path(path), safe='/~')}\n\n"
            f"host:{self._host}\nx-amz-date:{amz_date}\n{self._token_line}\n"
            f"{self._signed}\n{self._payload_hash}"
        )
        string_to_sign = (
            f"{ALGORITHM}\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
        )
        key = signing_key(self._credentials.secret_key, day, self._region, self._service)
        signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
        headers = {
            "Host": self._host,
            "X-Amz-Date": amz_date,
            "Authorization": (
                f"{ALGORITHM} Credential={self._credentials.access_key}/{scope}, "
                f"SignedHeaders={self._signed}, Signature={signature}"
            ),
        }
        if self._token_line:
            headers["X-Amz-Security-Token"] = str(self._credentials.token)
        return headers

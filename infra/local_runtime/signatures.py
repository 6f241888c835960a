"""Signature Version 4 checks on ``@connections`` requests, as API Gateway's management
API makes them: a request must be signed (``AWS4-HMAC-SHA256``, service ``execute-api``,
the runtime's region) with credentials the runtime handed its functions, over exactly what
was sent, within five minutes of its ``X-Amz-Date``. The canonical request follows
botocore's signer (``SigV4Auth``), so a request boto3 or the broadcaster signs is accepted
and a tampered or unsigned one is refused, as on AWS.
"""

from __future__ import annotations

import hashlib
import hmac
from calendar import timegm
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from time import strptime, time
from urllib.parse import quote

from botocore.utils import normalize_url_path
from multidict import CIMultiDictProxy

from core.realtime.signing import signing_key

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "execute-api"
MAX_SKEW_SECONDS = 300


@dataclass(frozen=True)
class Refusal:
    """API Gateway's answer to a request it does not accept: 403 and an error type."""

    error_type: str
    message: str


MISSING = Refusal("MissingAuthenticationTokenException", "Missing Authentication Token")


def _authorization(header: str) -> dict[str, str] | None:
    """``Credential=..., SignedHeaders=..., Signature=...`` of an ``AWS4-HMAC-SHA256`` header."""
    algorithm, _, rest = header.partition(" ")
    if algorithm != ALGORITHM:
        return None
    fields = {}
    for part in rest.split(","):
        name, _, value = part.strip().partition("=")
        fields[name] = value
    return fields if {"Credential", "SignedHeaders", "Signature"} <= fields.keys() else None


def canonical_query(query: str) -> str:
    return "&".join(sorted(f"{k}={v}" for k, _, v in (p.partition("=") for p in query.split("&"))))


class SignatureVerifier:
    def __init__(self, region: str, secrets: Mapping[str, str]):
        self._region = region
        self._secrets = dict(secrets)
        """Access key id → secret access key."""

    def check(
        self,
        method: str,
        raw_path: str,
        query: str,
        headers: CIMultiDictProxy[str],
        body: bytes,
    ) -> Refusal | None:
        """None if the request is signed right; else why it is refused."""
        header = headers.get("Authorization")
        if header is None:
            return MISSING
        fields = _authorization(header)
        if fields is None:
            return Refusal(
                "IncompleteSignatureException", f"Authorization header requires {ALGORITHM}"
            )
        key_id, _, scope = fields["Credential"].partition("/")
        secret = self._secrets.get(key_id)
        if secret is None:
            return Refusal(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            )
        date, _, rest = scope.partition("/")
        if rest != f"{self._region}/{SERVICE}/aws4_request":
            return Refusal(
                "InvalidSignatureException",
                f"Credential should be scoped to {self._region}/{SERVICE}",
            )
        amz_date = headers.get("X-Amz-Date", "")
        problem = _stale(amz_date, date)
        if problem is not None:
            return problem
        signed = fields["SignedHeaders"].split(";")
        if "host" not in signed:
            return Refusal("InvalidSignatureException", "'Host' must be a signed header")
        canonical = "\n".join(
            (
                method,
                quote(normalize_url_path(raw_path), safe="/~"),
                canonical_query(query) if query else "",
                *(
                    f"{name}:{','.join(' '.join(v.split()) for v in headers.getall(name, []))}"
                    for name in signed
                ),
                "",
                fields["SignedHeaders"],
                hashlib.sha256(body).hexdigest(),
            )
        )
        string_to_sign = "\n".join(
            (ALGORITHM, amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest())
        )
        key = signing_key(secret, date, self._region, SERVICE)
        expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, fields["Signature"]):
            return Refusal(
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.",
            )
        return None


@lru_cache(maxsize=256)
def _epoch(amz_date: str) -> int | None:
    try:
        return timegm(strptime(amz_date, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return None


def _stale(amz_date: str, scope_date: str) -> Refusal | None:
    signed_at = _epoch(amz_date)
    if signed_at is None:
        return Refusal("IncompleteSignatureException", "X-Amz-Date is missing or malformed")
    if amz_date[:8] != scope_date:
        return Refusal("InvalidSignatureException", "Credential date does not match X-Amz-Date")
    if abs(time() - signed_at) > MAX_SKEW_SECONDS:
        return Refusal("InvalidSignatureException", f"Signature expired: {amz_date}")
    return None

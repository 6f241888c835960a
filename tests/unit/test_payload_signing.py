"""The fan-out's signer produces exactly botocore's SigV4 signature for the same request."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials

from core.realtime.signing import PayloadSigner

BODY = '{"type":"contact.created","data":{"name":"Zoë"}}'.encode()


def botocore_authorization(credentials: ReadOnlyCredentials, host: str, path: str, at: str) -> str:
    """What ``SigV4Auth.add_auth`` puts in ``Authorization`` for this request at ``at``."""
    request = AWSRequest("POST", f"https://{host}{path}", data=BODY, headers={"Host": host})
    request.headers["X-Amz-Date"] = at
    if credentials.token:
        request.headers["X-Amz-Security-Token"] = credentials.token
    request.context["timestamp"] = at
    signer = SigV4Auth(credentials, "execute-api", "eu-west-1")
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    scope = signer.scope(request)
    signed = signer.signed_headers(signer.headers_to_sign(request))
    return f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders={signed}, Signature={signature}"


@pytest.mark.parametrize("token", [None, "FwoGZXIvYXdzE  token/with+chars=="])
@pytest.mark.parametrize("connection_id", ["L0SM9cOFvHcCIhw=", "a b/c+d", "ünï~._-"])
@pytest.mark.parametrize(
    ("host", "stage"),
    [("abc123.execute-api.eu-west-1.amazonaws.com", "/prod"), ("127.0.0.1:8001", "")],
)
def test_signatures_match_botocore(
    token: str | None, connection_id: str, host: str, stage: str
) -> None:
    credentials = ReadOnlyCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", token)
    signer = PayloadSigner(credentials, "eu-west-1", "execute-api", host, BODY)
    path = f"{stage}/@connections/{quote(connection_id, safe='')}"
    headers = signer.headers(path)
    expected = botocore_authorization(credentials, host, path, headers["X-Amz-Date"])
    assert headers["Authorization"] == expected
    assert headers["Host"] == host
    assert headers.get("X-Amz-Security-Token") == token


def test_the_signature_covers_the_path() -> None:
    credentials = ReadOnlyCredentials("AKID", "secret", None)
    signer = PayloadSigner(credentials, "us-east-1", "execute-api", "h", BODY)
    first, second = signer.headers("/@connections/a"), signer.headers("/@connections/b")
    assert first["Authorization"] != second["Authorization"]

"""The ``@connections`` API's SigV4 check accepts what botocore signs, and nothing else."""

from __future__ import annotations

from time import time
from unittest import mock
from urllib.parse import quote, urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from multidict import CIMultiDict, CIMultiDictProxy

from infra.local_runtime.signatures import SignatureVerifier

REGION = "us-east-1"
HOST = "127.0.0.1:8001"
verifier = SignatureVerifier(REGION, {"local": "local"})


def signed(
    path: str,
    body: bytes = b"hello",
    method: str = "POST",
    secret: str = "local",
    region: str = REGION,
    service: str = "execute-api",
) -> AWSRequest:
    request = AWSRequest(method, f"http://{HOST}{path}", data=body, headers={"Host": HOST})
    SigV4Auth(Credentials("local", secret), service, region).add_auth(request)
    return request


def check(request: AWSRequest, **changes: object) -> str | None:
    url = urlsplit(str(changes.get("url", request.url)))
    headers = CIMultiDict(request.headers.items())
    headers.update(changes.get("headers", {}))  # type: ignore[arg-type]
    body = changes.get("body", request.data)
    refusal = verifier.check(
        str(changes.get("method", request.method)),
        url.path,
        url.query,
        CIMultiDictProxy(headers),
        body,  # type: ignore[arg-type]
    )
    return None if refusal is None else refusal.error_type


@pytest.mark.parametrize(
    "connection_id", ["L0SM9cOFvHcCIhw=", "abc", "a b/c+d", "ünï", "~tilde.dot_-"]
)
@pytest.mark.parametrize("stage", ["", "/local"])
def test_botocore_signed_requests_are_accepted(connection_id: str, stage: str) -> None:
    path = f"{stage}/@connections/{quote(connection_id, safe='')}"
    for method, body in (("POST", b'{"type":"x"}'), ("GET", b""), ("DELETE", b"")):
        assert check(signed(path, body, method)) is None


def test_a_query_string_is_part_of_the_signature() -> None:
    request = signed("/@connections/abc?b=2&a=1")
    assert check(request) is None
    assert check(request, url=f"http://{HOST}/@connections/abc?b=2&a=3") == (
        "InvalidSignatureException"
    )


@pytest.mark.parametrize(
    "change",
    [
        {"body": b"tampered"},
        {"url": f"http://{HOST}/@connections/other"},
        {"method": "DELETE"},
        {"headers": {"Host": "127.0.0.1:9999"}},
    ],
    ids=["body", "connection", "method", "host"],
)
def test_a_tampered_request_is_refused(change: dict[str, object]) -> None:
    assert check(signed("/@connections/abc"), **change) == "InvalidSignatureException"


def test_wrong_secret_region_or_service_is_refused() -> None:
    assert check(signed("/@connections/abc", secret="guess")) == "InvalidSignatureException"
    assert check(signed("/@connections/abc", region="eu-west-1")) == "InvalidSignatureException"
    assert check(signed("/@connections/abc", service="s3")) == "InvalidSignatureException"


def test_unknown_keys_and_unsigned_requests_are_refused() -> None:
    request = signed("/@connections/abc")
    other_key = request.headers["Authorization"].replace("Credential=local/", "Credential=who/")
    assert check(request, headers={"Authorization": other_key}) == "UnrecognizedClientException"
    unsigned = AWSRequest("POST", f"http://{HOST}/@connections/abc", data=b"x")
    assert check(unsigned) == "MissingAuthenticationTokenException"
    basic = {"Authorization": "Basic bG9jYWw6bG9jYWw="}
    assert check(request, headers=basic) == "IncompleteSignatureException"


@pytest.mark.parametrize(("later", "refused"), [(4, False), (6, True), (-6, True)])
def test_a_signature_more_than_five_minutes_off_is_refused(later: int, refused: bool) -> None:
    request = signed("/@connections/abc")
    with mock.patch("infra.local_runtime.signatures.time", return_value=time() + later * 60):
        outcome = check(request)
    assert outcome == ("InvalidSignatureException" if refused else None)

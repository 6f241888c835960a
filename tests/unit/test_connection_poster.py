"""The fan-out's HTTP transport: SigV4 signatures as botocore makes them, and posting to a
real local server that answers like the management API (410s, 500s, dropped connections)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotocoreCredentials

from core.realtime.http1 import ProtocolError
from core.realtime.poster import DELIVERED, GONE, ConnectionPoster, PostFailed
from core.realtime.sigv4 import Credentials, RequestSigner, payload_hash
from tests.support.management_api import FakeManagementApi

NOW = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)
FRAME = '{"type":"contact.created","id":"contacts.1","data":{"id":"ct_1"}}'


@pytest.mark.parametrize("token", [None, "session-token"])
@pytest.mark.parametrize(
    "url",
    [
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/@connections/AbC%3D",
        "http://127.0.0.1:8001/@connections/L0SM9cOFvHcCIhw%3D",
    ],
)
def test_signatures_match_botocore(
    url: str, token: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = FRAME.encode()
    expected = AWSRequest("POST", url, data=body)
    monkeypatch.setattr("botocore.auth.get_current_datetime", lambda: NOW.replace(tzinfo=None))
    SigV4Auth(BotocoreCredentials("AKID", "secret", token), "execute-api", "eu-west-1").add_auth(
        expected
    )
    host, _, path = url.split("://")[1].partition("/")
    signer = RequestSigner(Credentials("AKID", "secret", token), "eu-west-1", "execute-api")
    headers = signer.post_headers(host, "/" + path, payload_hash(body), NOW)
    assert headers["authorization"] == expected.headers["Authorization"]
    assert headers["x-amz-date"] == expected.headers["X-Amz-Date"]
    assert headers.get("x-amz-security-token") == token


@pytest.fixture
def api() -> Iterator[FakeManagementApi]:
    with FakeManagementApi() as fake:
        yield fake


@pytest.fixture
def poster() -> Iterator[Callable[..., ConnectionPoster]]:
    made: list[ConnectionPoster] = []

    def make(url: str, concurrency: int = 4) -> ConnectionPoster:
        made.append(ConnectionPoster(url, "us-east-1", lambda: Credentials("AK", "s"), concurrency))
        return made[-1]

    yield make
    for each in made:
        each.close()


def test_posts_reach_every_connection_and_report_the_gone_ones(
    api: FakeManagementApi, poster: Callable[..., ConnectionPoster]
) -> None:
    api.gone.add("c=3")
    results = poster(api.url).post_all([["c=1", "c=2"], [], ["c=3", "c=4"]], FRAME)
    assert results == {"c=1": DELIVERED, "c=2": DELIVERED, "c=3": GONE, "c=4": DELIVERED}
    assert {cid for cid, frames in api.frames.items() if frames} == {"c=1", "c=2", "c=4"}
    assert all(auth.startswith("AWS4-HMAC-SHA256 Credential=AK/") for auth in api.authorizations)


def test_a_5xx_is_tried_once_more(
    api: FakeManagementApi, poster: Callable[..., ConnectionPoster]
) -> None:
    api.failing.update({"once": 1, "always": 5})
    results = poster(api.url).post_all([["once", "always", "fine"]], FRAME)
    assert results["once"] == results["fine"] == DELIVERED
    failure = results["always"]
    assert isinstance(failure, PostFailed)
    assert failure.status == 500
    assert "InternalServerErrorException" in str(failure)


def test_chunked_error_bodies_are_read(
    api: FakeManagementApi, poster: Callable[..., ConnectionPoster]
) -> None:
    api.chunked_errors = True
    api.gone.add("gone")
    sender = poster(api.url, concurrency=1)
    for _ in range(3):  # the same kept-alive connection, answer after answer
        assert sender.post_all([["gone", "ok"]], FRAME) == {"gone": GONE, "ok": DELIVERED}


def test_connections_the_server_dropped_are_replaced(
    api: FakeManagementApi, poster: Callable[..., ConnectionPoster]
) -> None:
    api.drop_idle = True
    sender = poster(api.url, concurrency=2)
    for _ in range(3):
        assert set(sender.post_all([["a", "b", "c"]], FRAME).values()) == {DELIVERED}
    assert len(api.frames["a"]) == 3


def test_an_unreachable_endpoint_is_an_error_per_connection(
    poster: Callable[..., ConnectionPoster],
) -> None:
    with FakeManagementApi() as stopped:
        url = stopped.url
    results = poster(url).post_all([["a"]], FRAME)
    assert isinstance(results["a"], OSError | ProtocolError)


def test_nothing_to_post_is_nothing_to_do(poster: Callable[..., ConnectionPoster]) -> None:
    assert poster("https://example.invalid/prod").post_all([[], []], FRAME) == {}

"""The fan-out's transport against a real local server that answers like the management API
and checks SigV4 signatures as API Gateway would: 410s, retries of 429s and 5xx, other 4xx,
kept-alive connections, bounded concurrency, timeouts, refreshed credentials."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import pytest
from botocore.credentials import Credentials, ReadOnlyCredentials

from core.realtime.fanout import DELIVERED, GONE
from core.realtime.poster import ConnectionPoster, CredentialSource, PostFailed, Timeout
from tests.support.management_api import FakeManagementApi

FRAME = '{"type":"contact.created","id":"contacts.1","data":{"id":"ct_1","name":"Zoë"}}'
KEYS = {"AKID": "secret", "AKID2": "secret2"}
MakePoster = Callable[..., ConnectionPoster]


@pytest.fixture
def api() -> Iterator[FakeManagementApi]:
    with FakeManagementApi(secret_keys=KEYS) as fake:
        yield fake


@pytest.fixture
def poster() -> Iterator[MakePoster]:
    made: list[ConnectionPoster] = []

    def make(
        url: str,
        concurrency: int = 4,
        credentials: CredentialSource | None = None,
        timeout: Timeout = Timeout(),
    ) -> ConnectionPoster:
        source = credentials or Credentials("AKID", "secret")
        made.append(ConnectionPoster(url, "us-east-1", source, concurrency, timeout))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.mark.parametrize("token", [None, "session-token"])
def test_posts_reach_every_connection_signed_for_execute_api(
    token: str | None, api: FakeManagementApi, poster: MakePoster
) -> None:
    api.gone.add("c=3")
    sender = poster(api.url, credentials=Credentials("AKID", "secret", token))
    results = sender.post_all([["c=1", "c+2"], [], ["c=3", "L0SM9cO="]], FRAME)
    assert results == {"c=1": DELIVERED, "c+2": DELIVERED, "c=3": GONE, "L0SM9cO=": DELIVERED}
    assert {cid for cid, frames in api.frames.items() if frames} == {"c=1", "c+2", "L0SM9cO="}
    assert api.frames["c+2"][0]["data"]["name"] == "Zoë"
    assert len(api.authorizations) == 4
    assert all("/us-east-1/execute-api/aws4_request" in auth for auth in api.authorizations)
    assert api.signature_problems == []


def test_the_fake_notices_a_bad_signature(api: FakeManagementApi, poster: MakePoster) -> None:
    poster(api.url, credentials=Credentials("AKID", "not-the-secret")).post_all([["a"]], FRAME)
    assert api.signature_problems == ["wrong signature for /test/@connections/a"]


def test_throttling_and_5xx_are_tried_once_more(api: FakeManagementApi, poster: MakePoster) -> None:
    api.failing.update({"once": 1, "always": 5})
    api.statuses["throttled"] = [429]
    results = poster(api.url).post_all([["once", "always", "throttled", "fine"]], FRAME)
    assert results["once"] == results["throttled"] == results["fine"] == DELIVERED
    failure = results["always"]
    assert isinstance(failure, PostFailed)
    assert (failure.status, str(failure)) == (
        500, "the management API answered 500 InternalServerErrorException"
    )  # fmt: skip
    assert api.failing["always"] == 3  # two tries
    assert api.signature_problems == []  # the second try is signed again


def test_other_client_errors_fail_at_once(api: FakeManagementApi, poster: MakePoster) -> None:
    api.statuses["forbidden"] = [403, 403]
    failure = poster(api.url).post_all([["forbidden"]], FRAME)["forbidden"]
    assert isinstance(failure, PostFailed)
    assert failure.status == 403
    assert api.statuses["forbidden"] == [403]  # not tried again


def test_connections_are_kept_alive(api: FakeManagementApi, poster: MakePoster) -> None:
    sender = poster(api.url, concurrency=2)
    for round_ in range(3):
        batch = [f"{round_}-{n}" for n in range(6)]
        assert set(sender.post_all([batch], FRAME).values()) == {DELIVERED}
    assert 1 <= api.connections_opened <= 2


def test_connections_the_server_dropped_are_replaced(
    api: FakeManagementApi, poster: MakePoster
) -> None:
    api.drop_idle = True
    sender = poster(api.url, concurrency=2)
    for _ in range(3):
        assert set(sender.post_all([["a", "b", "c"]], FRAME).values()) == {DELIVERED}
    assert len(api.frames["a"]) == 3
    assert api.connections_opened > 2


def test_posts_in_flight_are_bounded(api: FakeManagementApi, poster: MakePoster) -> None:
    api.delay = 0.02
    results = poster(api.url, concurrency=3).post_all([[f"c{n}" for n in range(12)]], FRAME)
    assert set(results.values()) == {DELIVERED}
    assert 2 <= api.most_in_flight <= 3


def test_credentials_are_read_for_each_fan_out(api: FakeManagementApi, poster: MakePoster) -> None:
    class Rotating:
        def __init__(self) -> None:
            self.keys = iter(KEYS.items())

        def get_frozen_credentials(self) -> ReadOnlyCredentials:
            return ReadOnlyCredentials(*next(self.keys), None)

    sender = poster(api.url, credentials=Rotating())
    for connection_id in ("first", "second"):
        assert sender.post_all([[connection_id]], FRAME) == {connection_id: DELIVERED}
    signed_by = [re.search(r"Credential=(\w+)/", auth) for auth in api.authorizations]
    assert [found and found[1] for found in signed_by] == ["AKID", "AKID2"]
    assert api.signature_problems == []


def test_a_slow_answer_times_out(api: FakeManagementApi, poster: MakePoster) -> None:
    api.delay = 1.0
    sender = poster(api.url, timeout=Timeout(connect=1.0, read=0.1))
    started = time.monotonic()
    results = sender.post_all([["slow"]], FRAME)
    assert isinstance(results["slow"], TimeoutError)
    assert time.monotonic() - started < 0.9


def test_an_unreachable_endpoint_is_an_error_per_connection(poster: MakePoster) -> None:
    with FakeManagementApi() as stopped:
        url = stopped.url
    results = poster(url).post_all([["a"], ["b"]], FRAME)
    assert all(isinstance(result, ConnectionRefusedError) for result in results.values())


def test_nothing_to_post_is_nothing_to_do(poster: MakePoster) -> None:
    assert poster("https://example.invalid/prod").post_all([[], []], FRAME) == {}

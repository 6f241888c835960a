"""The ``RequestStore`` contract: a pending request per pair (either way), no request between
connected users, one decision out of pending (accepting connects both ways), and the lists
by direction and status, pending first and newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.errors import Conflict
from core.social.models import ConnectionRequest, Direction, RequestStatus

T0 = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def request(request_id: str, sender: str = "usr_a", recipient: str = "usr_b") -> ConnectionRequest:
    return ConnectionRequest(request_id, sender, recipient, RequestStatus.PENDING, "hi", T0, T0)


def test_a_request_is_stored_and_found(graph) -> None:
    requests, _ = graph
    assert requests.create(request("cr_1")) == request("cr_1")
    assert requests.get("cr_1") == request("cr_1")
    assert requests.get("cr_2") is None
    assert requests.get("pair#usr_a#usr_b") is None  # the pair's guard is no request


def test_one_pending_request_per_pair_either_way(graph) -> None:
    requests, _ = graph
    requests.create(request("cr_1"))
    for again in (request("cr_2"), request("cr_3", "usr_b", "usr_a")):
        with pytest.raises(Conflict) as raised:
            requests.create(again)
        assert raised.value.code == "request_pending"
        assert requests.get(again.id) is None
    requests.create(request("cr_4", "usr_a", "usr_c"))


@pytest.mark.parametrize("status", [RequestStatus.REJECTED, RequestStatus.CANCELLED])
def test_a_decision_frees_the_pair(graph, status) -> None:
    requests, connections = graph
    later = T0 + timedelta(seconds=1)
    decided = (
        requests.decide(request("cr_1"), status, later)
        if requests.create(request("cr_1"))
        else None
    )
    assert decided == replace(request("cr_1"), status=status, updated_at=later)
    assert requests.get("cr_1") == decided
    assert connections.get("usr_a", "usr_b") is None
    assert requests.decide(request("cr_1"), RequestStatus.ACCEPTED, later) is None  # not pending
    assert requests.create(request("cr_2", "usr_b", "usr_a")).id == "cr_2"


def test_accepting_connects_both_ways_and_then_no_request_goes_between(graph) -> None:
    requests, connections = graph
    requests.create(request("cr_1"))
    later = T0 + timedelta(seconds=1)
    assert requests.decide(request("cr_1"), RequestStatus.ACCEPTED, later) is not None
    assert (
        connections.get("usr_a", "usr_b").since == connections.get("usr_b", "usr_a").since == later
    )
    for again in (request("cr_2"), request("cr_3", "usr_b", "usr_a")):
        with pytest.raises(Conflict) as raised:
            requests.create(again)
        assert raised.value.code == "already_connected"


def test_lists_pending_first_newest_first_by_direction_and_status(graph) -> None:
    requests, _ = graph
    for n, sender in enumerate(("usr_b", "usr_c", "usr_d")):
        requests.create(request(f"cr_{n}", sender, "usr_a"))
    requests.decide(request("cr_1", "usr_c", "usr_a"), RequestStatus.REJECTED, T0)
    requests.create(request("cr_9", "usr_a", "usr_e"))

    def ids(direction, status=None, after=None):
        return [(key, r.id) for key, r in requests.listed("usr_a", direction, status, after)]

    incoming = ids(Direction.INCOMING)
    assert [i for _, i in incoming] == ["cr_2", "cr_0", "cr_1"]
    assert [i for _, i in ids(Direction.INCOMING, after=incoming[0][0])] == ["cr_0", "cr_1"]
    assert [i for _, i in ids(Direction.INCOMING, RequestStatus.PENDING)] == ["cr_2", "cr_0"]
    assert [i for _, i in ids(Direction.INCOMING, RequestStatus.ACCEPTED)] == []
    assert [i for _, i in ids(Direction.OUTGOING)] == ["cr_9"]

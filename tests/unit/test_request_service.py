"""Connection requests through the service, on the in-memory stores (held to the
repositories' contract in ``tests/contract/``): sending, the 400/404/409 rules, deciding and
repeating decisions, losing a race, asking again after a rejection or cancellation, and lists
in both directions merged with stable pagination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.accounts.models import User
from core.errors import BadRequest, Conflict, Forbidden, NotFound
from core.social.models import Decision, Direction, RequestStatus
from core.social.service import RequestService
from tests.support.memory_social import InMemoryConnections, InMemoryRequests, InMemoryUsers

A, B, C = "usr_a", "usr_b", "usr_c"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=5)
        return self.now


def user(user_id: str) -> User:
    now = datetime(2026, 11, 21, tzinfo=UTC)
    return User(user_id, user_id, f"{user_id}@example.com", None, None, None, None, now, now)


@pytest.fixture
def connections() -> InMemoryConnections:
    return InMemoryConnections()


@pytest.fixture
def store(connections) -> InMemoryRequests:
    return InMemoryRequests(connections)


@pytest.fixture
def service(store) -> RequestService:
    return RequestService(store, InMemoryUsers(user(A), user(B), user(C)), Clock())


def test_send_and_the_rules_of_sending(service):
    sent = service.send(A, B, "hello")
    assert (sent.status, sent.message, sent.from_user_id, sent.to_user_id) == (
        RequestStatus.PENDING, "hello", A, B
    )  # fmt: skip
    with pytest.raises(BadRequest):
        service.send(A, A, None)
    with pytest.raises(NotFound):
        service.send(A, "usr_nobody", None)
    for sender, recipient in ((A, B), (B, A)):
        with pytest.raises(Conflict) as pending:
            service.send(sender, recipient, None)
        assert pending.value.code == "request_pending"
    service.send(A, C, None)  # other pairs are independent


def test_accept_connects_both_ways_and_repeats_change_nothing(service, connections):
    sent = service.send(A, B, None)
    accepted = service.decide(B, sent.id, Decision.ACCEPT)
    assert accepted.status is RequestStatus.ACCEPTED
    assert accepted.updated_at > sent.updated_at
    assert service.decide(B, sent.id, Decision.ACCEPT) == accepted
    assert connections.get(A, B).since == connections.get(B, A).since == accepted.updated_at
    for user, decision in ((B, Decision.REJECT), (A, Decision.CANCEL)):
        with pytest.raises(Conflict):
            service.decide(user, sent.id, decision)
    with pytest.raises(Conflict) as connected:
        service.send(B, A, None)
    assert connected.value.code == "already_connected"


@pytest.mark.parametrize(("who", "decision"), [(B, Decision.REJECT), (A, Decision.CANCEL)])
def test_after_rejection_or_cancellation_either_may_ask_again(service, connections, who, decision):
    sent = service.send(A, B, None)
    assert service.decide(who, sent.id, decision).status is not RequestStatus.PENDING
    assert connections.get(A, B) is None
    with pytest.raises(Conflict):
        service.decide(B, sent.id, Decision.ACCEPT)
    again = service.send(B, A, None)
    assert again.id != sent.id


def test_losers_of_a_race_re_read_and_answer_as_a_repeat_or_a_conflict(service, store):
    sent = service.send(A, B, None)
    decide = store.decide

    def someone_else_first(request, status, at):
        decide(request, status, at)  # another accept commits first
        return  # this one lost

    store.decide = someone_else_first
    assert service.decide(B, sent.id, Decision.ACCEPT).status is RequestStatus.ACCEPTED
    store.decide = decide
    second = service.send(A, C, None)
    store.decide = lambda request, status, at: (decide(request, RequestStatus.REJECTED, at), None)[
        1
    ]
    with pytest.raises(Conflict):
        service.decide(C, second.id, Decision.ACCEPT)  # a rejection won: the accept is a 409


def test_only_the_parties_and_only_the_right_one(service):
    sent = service.send(A, B, None)
    with pytest.raises(NotFound):
        service.decide(C, sent.id, Decision.ACCEPT)
    with pytest.raises(NotFound):
        service.get(C, sent.id)
    with pytest.raises(Forbidden):
        service.decide(A, sent.id, Decision.ACCEPT)
    with pytest.raises(Forbidden):
        service.decide(B, sent.id, Decision.CANCEL)
    assert service.get(A, sent.id) == service.get(B, sent.id) == sent


def walk(service, user, direction=None, status=None, limit=2):
    seen, at = [], None
    while True:
        page = service.requests_of(user, direction, status, limit, at)
        assert len(page.items) <= limit
        seen += page.items
        if page.next is None:
            return seen
        at = page.next


def test_lists_pending_first_newest_first_in_both_directions(service):
    to_a = service.send(C, A, None)
    from_a = service.send(A, B, None)
    service.decide(A, to_a.id, Decision.REJECT)
    incoming = walk(service, A, Direction.INCOMING)
    assert [r.id for r in incoming] == [to_a.id]
    outgoing = walk(service, A, Direction.OUTGOING)
    assert [r.id for r in outgoing] == [from_a.id]
    both = walk(service, A, limit=1)
    assert [r.id for r in both] == [from_a.id, to_a.id]  # pending before rejected
    rejected = walk(service, A, None, RequestStatus.REJECTED)
    assert [r.id for r in rejected] == [to_a.id]
    assert walk(service, A, Direction.OUTGOING, RequestStatus.ACCEPTED) == []

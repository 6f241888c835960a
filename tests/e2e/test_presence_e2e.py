"""Presence end to end: ``presence.changed`` reaches a user's connections (and no one else)
when the user's first WebSocket opens and when the last one closes, not for every tab; the
``online``/``last_seen`` of ``GET /connections`` follow the same state."""

from __future__ import annotations

import pytest

from tests.support.endpoints import Endpoints
from tests.support.people import Person

pytestmark = pytest.mark.e2e


def status_of(viewer: Person, user: Person) -> tuple[bool, str | None]:
    (item,) = [i for i in viewer.ok("GET", "/connections")["items"] if i["user"]["id"] == user.id]
    return item["online"], item["last_seen"]


def test_presence_changes_at_the_first_open_and_the_last_close(endpoints: Endpoints) -> None:
    ada, bob, cyd = Person(endpoints), Person(endpoints), Person(endpoints)
    request = ada.ok("POST", "/connection-requests", json={"to_user_id": bob.id})
    bob.ok("POST", f"/connection-requests/{request['id']}/accept")
    ada_ws, cyd_ws = ada.open_socket(), cyd.open_socket()
    assert status_of(ada, bob) == (False, None)

    first = bob.open_socket()
    (online,) = ada_ws.wait("presence.changed", user_id=bob.id)
    assert (online["data"]["online"], online["type"]) == (True, "presence.changed")
    assert online["data"]["last_seen"].endswith("Z")
    assert "seq" not in online  # not recorded
    assert endpoints.wait_for(lambda: status_of(ada, bob)[0])

    second = bob.open_socket()  # another tab: nothing to tell
    second.connection.close()
    ada_ws.drain()
    assert len(ada_ws.events("presence.changed", user_id=bob.id)) == 1
    assert status_of(ada, bob)[0] is True

    first.connection.close()  # the last one
    (_, offline) = ada_ws.wait("presence.changed", 2, user_id=bob.id)
    assert offline["data"]["online"] is False
    assert offline["data"]["last_seen"] >= online["data"]["last_seen"]
    online_now, last_seen = status_of(ada, bob)
    assert (online_now, last_seen) == (False, offline["data"]["last_seen"])
    cyd_ws.drain(0.5)
    assert cyd_ws.events("presence.changed") == []  # not a connection of bob's
    for person in (ada, bob, cyd):
        person.close_sockets()

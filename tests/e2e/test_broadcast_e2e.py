"""Real-time fan-out end to end: real HTTP writes and real WebSocket clients against the
target (the table's stream, the broadcaster, the ``@connections`` API).

Events of a book reach every open connection of every member, in order, and no one else;
a stale connection is pruned without stopping the others; a delivery that fails once is
retried with the records after it: nothing is lost, duplicates carry the same ``id``."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
import requests
from websockets.sync.client import ClientConnection, connect

from infra.local_runtime.testing import LocalRuntime, skip_or_fail_without_prerequisites
from tests.support.endpoints import READY_TIMEOUT, Endpoints, runtime_endpoints

pytestmark = pytest.mark.e2e
QUIET = 1.0


class User:
    """A registered, logged-in user with some open WebSocket connections."""

    def __init__(self, endpoints: Endpoints, sockets: int) -> None:
        self.endpoints, self.name = endpoints, "b" + uuid.uuid4().hex[:12]
        account = {"username": self.name, "email": f"{self.name}@example.com", "password": "x" * 12}
        self.id = self.rest("POST", "/auth/register", json=account).json()["id"]
        login = {"username": self.name, "password": "x" * 12}
        self.token = self.rest("POST", "/auth/login", json=login).json()["access_token"]
        self._opened = ExitStack()
        self.sockets = [self.connect() for _ in range(sockets)]

    def rest(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if hasattr(self, "token") else {}
        response = requests.request(
            method,
            self.endpoints.rest_url + path,
            headers=headers,
            timeout=self.endpoints.timeout,
            **kwargs,
        )
        assert response.status_code < 300, response.text
        return response

    def connect(self) -> ClientConnection:
        url = self.endpoints.websocket_url(self.token)
        return self._opened.enter_context(connect(url, open_timeout=self.endpoints.timeout))

    def connection_ids(self) -> set[str]:
        found = self.endpoints.client("dynamodb").query(
            TableName=self.endpoints.table_name("sockets"), IndexName="by_user",
            KeyConditionExpression="user_id = :u", ExpressionAttributeValues={":u": {"S": self.id}},
        )  # fmt: skip
        return {item["connection_id"]["S"] for item in found["Items"]}

    def frames(self, socket: ClientConnection, count: int) -> list[dict[str, Any]]:
        """The next ``count`` frames on one of this user's sockets."""
        deadline, received = time.monotonic() + self.endpoints.timeout, []
        while len(received) < count:
            left = max(0.0, deadline - time.monotonic())
            received.append(json.loads(socket.recv(timeout=left)))
        return received

    def close(self) -> None:
        self._opened.close()


def assert_silent(*sockets: ClientConnection) -> None:
    for socket in sockets:
        with pytest.raises(TimeoutError):
            socket.recv(timeout=QUIET / len(sockets))


def summary(received: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(frame["type"], frame["data"]["id"]) for frame in received]


@pytest.fixture
def users(endpoints: Endpoints) -> Iterator[tuple[User, User]]:
    ada, bob = User(endpoints, sockets=3), User(endpoints, sockets=2)
    yield ada, bob
    ada.close()
    bob.close()


def test_a_books_events_reach_every_connection_of_its_members_in_order(
    users: tuple[User, User],
) -> None:
    ada, bob = users
    created = ada.rest("POST", "/books/me/contacts", json={"name": "Ada Lovelace"}).json()
    path = f"/books/me/contacts/{created['id']}"
    updated = ada.rest("PATCH", path, json={"title": "Countess"}).json()
    ada.rest("DELETE", path)

    for socket in ada.sockets:
        received = ada.frames(socket, 3)
        assert summary(received) == [
            ("contact.created", created["id"]), ("contact.updated", created["id"]),
            ("contact.deleted", created["id"]),
        ]  # fmt: skip
        assert [frame["data"] for frame in received[:2]] == [created, updated]
        assert received[2]["data"] == {"id": created["id"], "book_id": created["book_id"]}
        assert received[0]["id"] < received[1]["id"] < received[2]["id"]
        assert received[0]["at"].endswith("Z")
    assert_silent(*bob.sockets)

    theirs = bob.rest("POST", "/books/me/contacts", json={"name": "Bob's friend"}).json()
    for socket in bob.sockets:
        assert summary(bob.frames(socket, 1)) == [("contact.created", theirs["id"])]
    assert_silent(*ada.sockets)
    bob.rest("DELETE", f"/books/me/contacts/{theirs['id']}")


def test_a_stale_connection_is_pruned_and_a_closed_one_stops_nothing(
    endpoints: Endpoints, users: tuple[User, User]
) -> None:
    ada, _ = users
    stale = "stale" + uuid.uuid4().hex[:10]  # a $disconnect that never arrived
    endpoints.client("dynamodb").put_item(
        TableName=endpoints.table_name("sockets"),
        Item={"connection_id": {"S": stale}, "user_id": {"S": ada.id}},
    )
    contact = ada.rest("POST", "/books/me/contacts", json={"name": "Grace Hopper"}).json()
    for socket in ada.sockets:
        assert summary(ada.frames(socket, 1)) == [("contact.created", contact["id"])]
    endpoints.wait_for(lambda: stale not in ada.connection_ids() or None)  # pruned after the posts

    ada.sockets.pop(1).close()  # closed mid-way: its $disconnect forgets it
    path = f"/books/me/contacts/{contact['id']}"
    ada.rest("PATCH", path, json={"company": "US Navy"})
    for socket in ada.sockets:
        assert summary(ada.frames(socket, 1)) == [("contact.updated", contact["id"])]
    endpoints.wait_for(lambda: len(ada.connection_ids()) == 2 or None)
    ada.rest("DELETE", path)


@pytest.fixture(scope="module")
def flaky_runtime() -> Iterator[LocalRuntime]:
    """A runtime of its own running ``tests/e2e/flaky_app.py``."""
    skip_or_fail_without_prerequisites()
    with LocalRuntime(
        in_memory=True, app_module="tests.e2e.flaky_app", ready_timeout=READY_TIMEOUT
    ) as started:
        yield started


@pytest.mark.runtime_only("injects a fault into the app (tests/e2e/flaky_app.py)")
def test_a_failed_delivery_is_retried_without_losing_or_reordering(
    flaky_runtime: LocalRuntime,
) -> None:
    ada = User(runtime_endpoints(flaky_runtime), sockets=2)
    names = ["First", "Flaky second", "Third"]
    ids = [ada.rest("POST", "/books/me/contacts", json={"name": n}).json()["id"] for n in names]

    for socket in ada.sockets:
        received = ada.frames(socket, 3)
        while len({frame["id"] for frame in received}) < 3:
            received += ada.frames(socket, 1)
        deduplicated = list({frame["id"]: frame for frame in received}.values())
        assert [frame["data"]["id"] for frame in deduplicated] == ids
        assert len(received) <= 4  # at most the failed record again
        assert_silent(socket)
    assert flaky_runtime.wait_for_log(r"broadcaster .* -> \d item failure")
    ada.close()

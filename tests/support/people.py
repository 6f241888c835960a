"""People for end-to-end tests: a registered, logged-in user talking to the target's REST API
(``person("GET", "/connections")``) with WebSocket connections whose frames are kept, so a
test can wait for the events it expects in any interleaving and check that no more came."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import requests
from websockets.sync.client import ClientConnection, connect

from tests.support.endpoints import Endpoints

TIMEOUT = 10.0
PASSWORD = "correct horse battery"


class Socket:
    """One open WebSocket connection and every frame it has received so far."""

    def __init__(self, connection: ClientConnection, patience: float) -> None:
        self.connection = connection
        self.frames: list[dict[str, Any]] = []
        self._patience = patience

    def events(self, type_: str, **data: Any) -> list[dict[str, Any]]:
        """The frames received so far of that type (whose ``data`` has those values)."""
        return [
            frame
            for frame in self.frames
            if frame.get("type") == type_
            and all(frame.get("data", {}).get(k) == v for k, v in data.items())
        ]

    def wait(self, type_: str, count: int = 1, timeout: float = TIMEOUT, **data: Any) -> list[Any]:
        """Read until ``count`` frames of that type (and data) came; they are returned."""
        deadline = time.monotonic() + timeout * self._patience
        while len(self.events(type_, **data)) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                got = [(frame.get("type"), frame.get("data")) for frame in self.frames]
                raise AssertionError(f"expected {count} {type_} {data}; received {got}")
            self._read(left)
        return self.events(type_, **data)

    def drain(self, quiet: float = 1.0) -> list[dict[str, Any]]:
        """Read until nothing comes for ``quiet`` seconds; every frame received."""
        while True:
            try:
                self._read(quiet)
            except TimeoutError:
                return self.frames

    def _read(self, timeout: float) -> None:
        self.frames.append(json.loads(self.connection.recv(timeout=timeout)))


class Person:
    def __init__(self, endpoints: Endpoints, **profile: Any) -> None:
        self.endpoints = endpoints
        self.username = "p" + uuid.uuid4().hex[:12]
        self.email = f"{self.username}@example.com"
        account = {"username": self.username, "email": self.email, "password": PASSWORD}
        created = requests.post(
            endpoints.rest_url + "/auth/register",
            json={**account, **profile},
            timeout=endpoints.timeout,
        )
        assert created.status_code == 201, created.text
        self.id: str = created.json()["id"]
        login = {"username": self.username, "password": PASSWORD}
        tokens = requests.post(
            endpoints.rest_url + "/auth/login", json=login, timeout=endpoints.timeout
        )
        self.token: str = tokens.json()["access_token"]
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {self.token}"
        self._opened = ExitStack()

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self._session.request(
            method, self.endpoints.rest_url + path, timeout=self.endpoints.timeout, **kwargs
        )

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        """The JSON body of a 2xx answer (``None`` for 204)."""
        response = self(method, path, **kwargs)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def open_socket(self) -> Socket:
        url = self.endpoints.websocket_url(self.token)
        connection = self._opened.enter_context(connect(url, open_timeout=self.endpoints.timeout))
        return Socket(connection, self.endpoints.patience)

    def close_sockets(self) -> None:
        self._opened.close()
        self._opened = ExitStack()


def every_page(fetch: Callable[[str | None], requests.Response]) -> list[Any]:
    """The items of every page of a list route (``fetch(cursor)``)."""
    items: list[Any] = []
    cursor: str | None = None
    while True:
        response = fetch(cursor)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if (cursor := page["next_cursor"]) is None:
            return items

"""The soak's subscriber: one WebSocket connection of the book's owner, reopened whenever it
drops (the runtime is killed once), recording every event frame it receives."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect


@dataclass(frozen=True)
class Received:
    event_id: str
    type: str
    contact_id: str
    version: int | None


class Subscriber(threading.Thread):
    def __init__(self, ws_url: str, token: Callable[[], str]) -> None:
        super().__init__(name="soak-subscriber", daemon=True)
        self._ws_url, self._token = ws_url, token
        self.received: list[Received] = []
        self.reconnects = 0
        """Connections opened again after the first (the runtime's restart ends one)."""
        self.connected_once = False
        self.connected = threading.Event()
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self.join(10)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                with connect(f"{self._ws_url}/?token={self._token()}", open_timeout=10) as socket:
                    self.reconnects += self.connected_once
                    self.connected_once = True
                    self.connected.set()
                    self._receive(socket)
            except (OSError, TimeoutError, ConnectionClosed, InvalidStatus):
                pass
            self.connected.clear()
            if not self._stopping.is_set():
                time.sleep(0.02)

    def _receive(self, socket: object) -> None:
        while not self._stopping.is_set():
            try:
                frame = json.loads(socket.recv(timeout=0.5))  # type: ignore[attr-defined]
            except TimeoutError:
                continue
            data = frame.get("data") or {}
            if str(frame.get("type", "")).startswith("contact."):
                version = data.get("version")
                self.received.append(Received(frame["id"], frame["type"], data["id"], version))

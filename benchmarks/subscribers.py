"""Many open WebSocket connections in one asyncio process, each timestamping the frames it
receives (keyed by the contact id in ``data.id``), for the fan-out benchmark."""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

OPEN_CONCURRENCY = 32


class Subscribers:
    def __init__(self) -> None:
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self._sockets: list[ClientConnection] = []
        self._readers: list[asyncio.Task[None]] = []
        self._changed = asyncio.Event()

    def __len__(self) -> int:
        return len(self._sockets)

    async def open(self, ws_url: str, tokens: Sequence[str]) -> None:
        """One connection per token (a token may repeat: several tabs of one user)."""
        gate = asyncio.Semaphore(OPEN_CONCURRENCY)

        async def open_one(token: str) -> ClientConnection:
            async with gate:
                return await connect(
                    f"{ws_url}/?token={token}", ping_interval=None, open_timeout=60, max_queue=None
                )

        self._sockets = list(await asyncio.gather(*(open_one(token) for token in tokens)))
        self._readers = [asyncio.create_task(self._read(socket)) for socket in self._sockets]

    async def _read(self, socket: ClientConnection) -> None:
        async for message in socket:
            now = time.perf_counter()
            frame: dict[str, Any] = json.loads(message)
            self.arrivals[str(frame.get("data", {}).get("id"))].append(now)
            self._changed.set()

    async def wait_for(self, key: str, count: int, timeout: float) -> list[float]:
        """Arrival times of the frames about ``key`` once ``count`` arrived (or on timeout)."""
        deadline = time.perf_counter() + timeout
        while len(self.arrivals[key]) < count and time.perf_counter() < deadline:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), deadline - time.perf_counter())
            except TimeoutError:
                break
        return list(self.arrivals[key])

    async def close(self) -> None:
        await asyncio.gather(*(socket.close() for socket in self._sockets))
        for reader in self._readers:
            reader.cancel()
        await asyncio.gather(*self._readers, return_exceptions=True)
        self._sockets, self._readers = [], []

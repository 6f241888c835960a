"""Throttling as API Gateway does it: a token bucket (``rate`` tokens a second, at most
``burst`` saved up). The REST API has one bucket for the stage, set like the packaged
stage's (``infra.template.stages``); each WebSocket connection has its own for frames."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from infra.template.stages import PROD, Throttle

STAGE_THROTTLE = PROD.rest_throttle
"""The REST API's default: what the production stage allows."""
FRAME_THROTTLE = Throttle(rate_per_second=20, burst=40)
"""Frames a second one WebSocket connection may send (typing and pings need a few)."""
FLOOD_FRAMES = 50
"""Frames refused in a row after which a connection is closed (1008)."""


@dataclass
class TokenBucket:
    rate: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _tokens: float = field(init=False)
    _at: float = field(init=False)

    def __post_init__(self) -> None:
        self._tokens, self._at = float(self.burst), self.clock()

    @classmethod
    def of(cls, throttle: Throttle) -> TokenBucket:
        return cls(throttle.rate_per_second, throttle.burst)

    @property
    def unlimited(self) -> bool:
        return self.rate <= 0

    def take(self) -> bool:
        """Spend a token if there is one (always, when the rate is 0: no throttling)."""
        if self.unlimited:
            return True
        now = self.clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


@dataclass
class FrameLimit:
    """One connection's frames: a bucket, and the refusals in a row that end it."""

    bucket: TokenBucket
    flood_frames: int = FLOOD_FRAMES
    refused_in_a_row: int = 0

    def admit(self) -> bool:
        if self.bucket.take():
            self.refused_in_a_row = 0
            return True
        self.refused_in_a_row += 1
        return False

    @property
    def flooding(self) -> bool:
        return self.refused_in_a_row >= self.flood_frames

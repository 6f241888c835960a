"""The real app with the broadcaster failing 5 % of its invocations at random, for the fault
soak (run by its own embedded runtime: ``--app-module tests.soak.flaky_app``).

Half the injected failures happen before the batch is posted (nothing delivered, the batch
is retried), half after (everything delivered, then retried: duplicates the subscriber must
tell apart by event ``id``). Production code is untouched; only this test app wraps it."""

from __future__ import annotations

import os
import random
from typing import Any

from app import app
from functions.broadcaster import handler

__all__ = ["app"]

FAILURE_RATE = float(os.environ.get("SOAK_BROADCASTER_FAILURE_RATE", "0.05"))
_broadcast = handler.broadcast


class InjectedFault(RuntimeError):
    """The soak's own failure: the stream poller retries the batch as Lambda would."""


def _flaky_broadcast(event: Any) -> dict[str, Any]:
    roll = random.random()
    if roll < FAILURE_RATE / 2:
        raise InjectedFault("injected before posting")
    result = _broadcast(event)
    if roll < FAILURE_RATE:
        raise InjectedFault("injected after posting")
    return result


handler.broadcast = _flaky_broadcast

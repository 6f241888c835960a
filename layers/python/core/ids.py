"""Opaque identifiers: a short type prefix and 128 random bits, sortable by creation time."""

from __future__ import annotations

import os
import time


def new_id(prefix: str) -> str:
    """``<prefix>_<12 hex of ms timestamp><20 hex random>``: unique and roughly time-ordered."""
    millis = int(time.time() * 1000)
    return f"{prefix}_{millis:012x}{os.urandom(10).hex()}"

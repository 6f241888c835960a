"""The real app, posting to ``@connections`` through ``benchmarks/latency_proxy.py``: the
embedded runtime sets ``WEBSOCKET_MANAGEMENT_ENDPOINT`` to itself before importing the app
module, so this module points it at the proxy named by ``BENCH_MANAGEMENT_PROXY``."""

from __future__ import annotations

import os

os.environ["WEBSOCKET_MANAGEMENT_ENDPOINT"] = os.environ["BENCH_MANAGEMENT_PROXY"]

from app import app  # after the environment, as on a configured Lambda

__all__ = ["app"]

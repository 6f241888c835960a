"""The "ready" banner: where each API listens and which stream functions run."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from infra.local_runtime.settings import RuntimeSettings

StreamFunction = tuple[str, str]
"""A stream function's key and the table whose stream it reads."""


def ready_banner(
    prefix: str, elapsed: float, settings: RuntimeSettings, streams: Sequence[StreamFunction]
) -> str:
    lines = [
        f"{prefix}: ready in {elapsed:.2f} s",
        f"  REST API         {settings.rest_url}",
        f"  WebSocket API    {settings.ws_url}",
        f"  @connections     {settings.management_url}",
        f"  DynamoDB         {settings.dynamodb_url}"
        + (" (in memory)" if settings.in_memory else f" (data in {settings.data_dir})"),
        *stream_lines(streams, arrow()),
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def arrow() -> str:
    """``←`` if the terminal can show it, else ``<-``."""
    try:
        "\u2190".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "<-"
    return "\u2190"


def stream_lines(streams: Sequence[StreamFunction], arrow: str) -> list[str]:
    """``stream functions broadcaster ← addressbook-local-contacts``, one function a line."""
    label = "  stream functions "
    if not streams:
        return [f"{label}none"]
    return [
        f"{label if i == 0 else ' ' * len(label)}{key} {arrow} {table}"
        for i, (key, table) in enumerate(streams)
    ]

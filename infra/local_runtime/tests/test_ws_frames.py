"""The 32 KB frame limit in front of aiohttp's parser, with both of aiohttp's readers."""

from __future__ import annotations

import asyncio
import importlib
import os
from collections.abc import Iterable
from types import ModuleType
from typing import Any

import pytest
from aiohttp.http_websocket import WebSocketError, WSMsgType

from infra.local_runtime.ws_frames import MAX_FRAME_BYTES, FrameSizeLimit, header_length


def reader_module(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"aiohttp._websocket.{name}")
    except ImportError:
        pytest.skip(f"aiohttp's {name} is not built here")


READERS = [
    "reader_py",
    pytest.param(
        "reader_c",
        marks=pytest.mark.skipif(
            bool(os.environ.get("AIOHTTP_NO_EXTENSIONS")), reason="C reader disabled"
        ),
    ),
]


def frame(opcode: int, payload: bytes, fin: bool = True) -> bytes:
    """A masked client frame (the mask is zero, so the payload reads as is)."""
    first = (0x80 if fin else 0) | opcode
    if len(payload) < 126:
        length = bytes([0x80 | len(payload)])
    elif len(payload) < 1 << 16:
        length = bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
    else:
        length = bytes([0x80 | 127]) + len(payload).to_bytes(8, "big")
    return bytes([first]) + length + b"\0\0\0\0" + payload


def fragments(text: bytes, size: int) -> bytes:
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    return b"".join(
        frame(0x1 if i == 0 else 0x0, piece, fin=i == len(pieces) - 1)
        for i, piece in enumerate(pieces)
    )


class Protocol:
    _reading_paused = False

    def pause_reading(self) -> None:
        self._reading_paused = True

    def resume_reading(self) -> None:
        self._reading_paused = False


async def parse(name: str, chunks: Iterable[bytes]) -> tuple[list[Any], list[bool]]:
    """Feed ``chunks`` through the limit into aiohttp's reader ``name``; returns the
    messages read (a WebSocketError last if the connection failed) and each feed's eof."""
    module = reader_module(name)
    queue = module.WebSocketDataQueue(Protocol(), 1 << 20, loop=asyncio.get_running_loop())
    limited = FrameSizeLimit(module.WebSocketReader(queue, 128 * 1024 + 1, False, True), queue)
    eofs = [limited.feed_data(chunk)[0] for chunk in chunks]
    if not any(eofs):  # (after a failure aiohttp stops reading; feed_eof would drop the error)
        limited.feed_eof()
    messages: list[Any] = []
    while True:
        try:
            messages.append(await queue.read())
        except WebSocketError as error:
            return [*messages, error], eofs
        except Exception:
            return messages, eofs


def split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_header_lengths() -> None:
    assert header_length(b"\x81") == 2
    assert header_length(frame(1, b"x" * 10)[:2]) == 6
    assert header_length(frame(1, b"x" * 200)[:2]) == 8
    assert header_length(frame(1, b"x" * 70_000)[:2]) == 14


@pytest.mark.parametrize("name", READERS)
def test_a_message_in_32_kb_fragments_passes_whatever_the_reads(name: str) -> None:
    text = b"y" * (100 * 1024)
    data = frame(0x9, b"ping") + fragments(text, MAX_FRAME_BYTES) + frame(0x1, b"after")
    for size in (len(data), 1000, 7):
        messages, eofs = asyncio.run(parse(name, split(data, size)))
        assert [m.type for m in messages] == [WSMsgType.PING, WSMsgType.TEXT, WSMsgType.TEXT]
        assert messages[1].data == text.decode()
        assert messages[2].data == "after"
        assert not any(eofs)


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("size", [None, 1000, 3])
def test_a_frame_over_32_kb_fails_the_connection_with_1009(name: str, size: int | None) -> None:
    data = frame(0x1, b"before") + frame(0x2, b"z" * (MAX_FRAME_BYTES + 1)) + frame(0x1, b"x")
    messages, eofs = asyncio.run(parse(name, split(data, size or len(data))))
    assert messages[0].data == "before"
    assert isinstance(messages[-1], WebSocketError)
    assert messages[-1].code == 1009
    assert len(messages) == 2
    assert eofs[-1] is True

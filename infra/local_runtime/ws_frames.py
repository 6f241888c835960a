"""API Gateway's 32 KB WebSocket frame limit, which aiohttp has no option for.

aiohttp limits whole messages (``max_msg_size``) but reassembles fragments without
exposing frame sizes, and its parser is a Cython class when the extension is built (its
frame state is C-level, neither readable nor overridable from Python). So the limit sits
in front of the parser instead: ``FrameSizeLimit`` receives the raw bytes of the
connection first, follows the frame headers (2-14 bytes, then the payload length is
skipped), and hands everything to aiohttp's parser unchanged. When a data frame declares
more than 32 KB it fails the connection exactly as aiohttp fails an oversized message:
a ``WebSocketError(1009)`` on the message queue, which makes ``receive()`` close the
socket with 1009 and return an ``ERROR`` message. Only ``feed_data``/``feed_eof`` of the
parser are used, so the pure-Python and the C reader behave the same.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from aiohttp import web
from aiohttp.http_websocket import WebSocketError, WSCloseCode

log = logging.getLogger("local_runtime.websocket")

MAX_FRAME_BYTES = 32 * 1024
"""API Gateway's WebSocket frame limit (a larger message must be sent in fragments)."""

_DATA_OPCODES = (0x0, 0x1, 0x2)  # continuation, text, binary


class FrameParser(Protocol):
    def feed_data(self, data: bytes) -> tuple[bool, bytes]: ...

    def feed_eof(self) -> None: ...


class MessageQueue(Protocol):
    def set_exception(self, exc: BaseException) -> None: ...


def header_length(header: bytes | bytearray) -> int:
    """How many bytes the frame header starting with ``header`` has (2 until known)."""
    if len(header) < 2:
        return 2
    length_flag, masked = header[1] & 0x7F, header[1] >> 7
    extended = {126: 2, 127: 8}.get(length_flag, 0)
    return 2 + extended + 4 * masked


def payload_length(header: bytes | bytearray) -> int:
    length_flag = header[1] & 0x7F
    if length_flag == 126:
        return int.from_bytes(header[2:4], "big")
    if length_flag == 127:
        return int.from_bytes(header[2:10], "big")
    return length_flag


class FrameSizeLimit:
    """Wraps aiohttp's WebSocket parser; see the module docstring."""

    def __init__(self, parser: FrameParser, queue: MessageQueue, limit: int = MAX_FRAME_BYTES):
        self._parser = parser
        self._queue = queue
        self._limit = limit
        self._header = bytearray()
        self._payload_left = 0
        self._failed = False

    def feed_data(self, data: bytes) -> tuple[bool, bytes]:
        if self._failed:
            return True, b""
        oversized_at = self._oversized_frame(bytes(data))
        if oversized_at is None:
            return self._parser.feed_data(data)
        if oversized_at > 0:  # the frames before it are delivered first
            eof, tail = self._parser.feed_data(data[:oversized_at])
            if eof:
                return eof, tail
        self._failed = True
        message = f"Frame size exceeds the limit of {self._limit} bytes"
        self._queue.set_exception(WebSocketError(WSCloseCode.MESSAGE_TOO_BIG, message))
        return True, b""

    def feed_eof(self) -> None:
        self._parser.feed_eof()

    def _oversized_frame(self, data: bytes) -> int | None:
        """Where in ``data`` a data frame over the limit starts (0 if it began earlier)."""
        position, frame_start = 0, 0
        while position < len(data):
            if self._payload_left:
                skipped = min(self._payload_left, len(data) - position)
                self._payload_left -= skipped
                position += skipped
                continue
            if not self._header:
                frame_start = position
            needed = header_length(self._header) - len(self._header)
            self._header += data[position : position + needed]
            position += min(needed, len(data) - position)
            if len(self._header) < header_length(self._header):
                continue
            opcode, length = self._header[0] & 0x0F, payload_length(self._header)
            self._header.clear()
            if opcode in _DATA_OPCODES and length > self._limit:
                return frame_start
            self._payload_left = length
        return None


class LimitedWebSocketResponse(web.WebSocketResponse):
    """A ``WebSocketResponse`` whose connection enforces ``MAX_FRAME_BYTES``.

    The parser is swapped after aiohttp installs it (``_post_start``). Bytes that arrived
    between the handshake and that moment are still in the protocol's ``_message_tail``
    (aiohttp would feed them to its parser at once): they are held back and fed through
    the limit instead, so no frame escapes it.
    """

    def _post_start(self, request: web.BaseRequest, protocol: str | None, writer: Any) -> None:
        handler: Any = request.protocol
        early = getattr(handler, "_message_tail", b"")
        if early:
            handler._message_tail = b""
        super()._post_start(request, protocol, writer)
        parser, queue = self._parser, self._reader
        if parser is None or queue is None or handler._payload_parser is not parser:
            log.warning("aiohttp internals changed: the 32 KB frame limit is not enforced")
            if early and handler._payload_parser is not None:
                handler._payload_parser.feed_data(early)
            return
        limited = FrameSizeLimit(parser, queue)
        handler._payload_parser = limited
        if early and limited.feed_data(early)[0]:
            handler.close()

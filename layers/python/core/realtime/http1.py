"""A minimal HTTP/1.1 client connection on asyncio streams, kept alive between requests:
enough for the management API's small ``POST /@connections/{id}`` exchanges, without the
per-request cost of a general client (the fan-out makes a thousand of them at once)."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass


class ProtocolError(Exception):
    """The server's answer is not HTTP/1.1 as this client understands it."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes

    @property
    def keep_alive(self) -> bool:
        return self.headers.get("connection", "").lower() != "close"


class HttpConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self.closed = False

    @classmethod
    async def open(cls, host: str, port: int, tls: ssl.SSLContext | None) -> HttpConnection:
        reader, writer = await asyncio.open_connection(
            host, port, ssl=tls, server_hostname=host if tls else None
        )
        return cls(reader, writer)

    async def request(self, head: bytes, body: bytes) -> Response:
        """Send one request (``head`` ends with the blank line) and read its response."""
        self._writer.write(head + body)
        await self._writer.drain()
        status_line = await self._reader.readline()
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
            raise ProtocolError(f"bad status line {status_line[:80]!r}")
        headers: dict[str, str] = {}
        while (line := await self._reader.readline()) not in (b"\r\n", b"\n"):
            if not line:
                raise ProtocolError("the connection closed inside the response headers")
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        response = Response(int(parts[1]), headers, await self._body(headers))
        if not response.keep_alive:
            self.close()
        return response

    async def _body(self, headers: dict[str, str]) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            chunks = []
            while size := int((await self._reader.readline()).split(b";")[0].strip() or b"0", 16):
                chunks.append(await self._reader.readexactly(size + 2))
            while await self._reader.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunk[:-2] for chunk in chunks)
        if "content-length" in headers:
            return await self._reader.readexactly(int(headers["content-length"]))
        self.closed = True  # the body ends when the connection does
        return await self._reader.read()

    @property
    def usable(self) -> bool:
        """Open, as far as we know: the server may have closed it since (an idle timeout)."""
        return not self.closed and not self._reader.at_eof()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._writer.close()

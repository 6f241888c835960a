"""A forwarder for the ``@connections`` API that adds a fixed delay to every request, to
approximate posting over a real network (Lambda → API Gateway) instead of loopback.

Run as its own process: ``python -m benchmarks.latency_proxy PORT TARGET_URL DELAY_MS``.
"""

from __future__ import annotations

import asyncio
import sys

from aiohttp import ClientSession, TCPConnector, web

FORWARDED_HEADERS = ("x-amzn-ErrorType", "Content-Type")
SIGNED_HEADERS = ("Host", "X-Amz-Date", "X-Amz-Security-Token", "Authorization")
"""Passed on as received: the runtime checks the signature over them."""


def proxy_app(target: str, delay: float) -> web.Application:
    app = web.Application()
    sessions: list[ClientSession] = []

    async def forward(request: web.Request) -> web.Response:
        if not sessions:
            sessions.append(ClientSession(connector=TCPConnector(limit=0)))
        body = await request.read()
        await asyncio.sleep(delay)
        signed = {k: request.headers[k] for k in SIGNED_HEADERS if k in request.headers}
        url = f"{target}{request.raw_path}"
        async with sessions[0].post(url, data=body, headers=signed) as answer:
            headers = {k: answer.headers[k] for k in FORWARDED_HEADERS if k in answer.headers}
            return web.Response(status=answer.status, body=await answer.read(), headers=headers)

    async def close(_: web.Application) -> None:
        for session in sessions:
            await session.close()

    app.router.add_post("/{tail:.*}", forward)
    app.on_cleanup.append(close)
    return app


def main() -> None:
    port, target, delay_ms = int(sys.argv[1]), sys.argv[2].rstrip("/"), float(sys.argv[3])
    web.run_app(proxy_app(target, delay_ms / 1000), host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main()

"""The plain way to post a frame to many connections: one boto3 ``post_to_connection`` per
connection (``ConnectionGateway``) on a bounded thread pool. Simple, but each call costs
about a millisecond of CPU, which caps a fan-out to ~1,000 posts a second per process;
``ConnectionPoster`` is the default (``FANOUT_TRANSPORT``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Executor

from core.realtime.gateway import ConnectionGateway, ConnectionGone
from core.realtime.poster import DELIVERED, GONE, PostResult


class ThreadedSender:
    def __init__(self, gateway: ConnectionGateway, executor: Executor) -> None:
        self._gateway = gateway
        self._executor = executor

    def post_all(self, batches: Iterable[Sequence[str]], frame: str) -> dict[str, PostResult]:
        posts = {
            cid: self._executor.submit(self._post, cid, frame) for batch in batches for cid in batch
        }
        return {cid: post.result() for cid, post in posts.items()}

    def _post(self, connection_id: str, frame: str) -> PostResult:
        try:
            self._gateway.send(connection_id, frame)
        except ConnectionGone:
            return GONE
        except Exception as error:
            return error
        return DELIVERED

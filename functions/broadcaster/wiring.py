"""Dependencies of the broadcaster, built once per cold start on first use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from core.settings import FunctionSettings, load_settings

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics

    from core.realtime.broadcaster import Broadcaster
    from core.realtime.fanout import ConnectionSender


class BroadcasterSettings(FunctionSettings):
    connections_table: str = Field(alias="CONNECTIONS_TABLE", min_length=1)
    books_table: str = Field(alias="BOOKS_TABLE", min_length=1)
    contacts_table: str = Field(alias="CONTACTS_TABLE", min_length=1)
    websocket_management_endpoint: str = Field(alias="WEBSOCKET_MANAGEMENT_ENDPOINT", min_length=1)
    fanout_pool_size: int = Field(default=64, alias="FANOUT_POOL_SIZE", ge=1, le=512)
    """Posts in flight at once."""
    lookup_threads: int = Field(default=8, alias="FANOUT_LOOKUP_THREADS", ge=1, le=64)
    """Per-user connection lookups in flight at once (more only fight over the GIL)."""
    fanout_transport: Literal["http", "boto3"] = Field(default="http", alias="FANOUT_TRANSPORT")
    """``http``: ``ConnectionPoster`` (asyncio, kept-alive connections, SigV4); ``boto3``:
    ``ConnectionGateway`` calls on a thread pool (simpler, ~1 ms of CPU per post)."""


@dataclass(frozen=True)
class BroadcasterServices:
    broadcaster: Broadcaster
    table_keys: Mapping[str, str]
    """Physical table name → logical key of every table whose stream is broadcast."""
    logger: Logger
    metrics: Metrics


@cache
def services() -> BroadcasterServices:
    from concurrent.futures import ThreadPoolExecutor

    from aws_lambda_powertools import Logger, Metrics

    from core.books.repository import BookRepository
    from core.events.audiences import AudienceResolver
    from core.events.registry import specs_by_table
    from core.realtime.broadcaster import Broadcaster
    from core.realtime.connections import ConnectionRegistry
    from core.realtime.fanout import FanOut
    from core.storage import TableLocation

    settings = load_settings(BroadcasterSettings, os.environ)

    def location(name: str) -> TableLocation:
        return TableLocation(name, settings.region, settings.dynamodb_endpoint_url)

    lookups = ThreadPoolExecutor(settings.lookup_threads, thread_name_prefix="lookup")
    registry = ConnectionRegistry(location(settings.connections_table))
    audiences = AudienceResolver(BookRepository(location(settings.books_table)))
    return BroadcasterServices(
        broadcaster=Broadcaster(
            specs_by_table(), audiences, FanOut(registry, _sender(settings), lookups)
        ),
        table_keys={settings.contacts_table: "contacts"},
        logger=Logger(),
        metrics=Metrics(),
    )


def _sender(settings: BroadcasterSettings) -> ConnectionSender:
    endpoint, region = settings.websocket_management_endpoint, settings.region
    size = settings.fanout_pool_size
    if settings.fanout_transport == "boto3":
        from concurrent.futures import ThreadPoolExecutor

        from core.realtime.gateway import ConnectionGateway
        from core.realtime.threaded_sender import ThreadedSender

        posts = ThreadPoolExecutor(size, thread_name_prefix="post")
        return ThreadedSender(ConnectionGateway(endpoint, region, size), posts)
    from core.realtime.poster import ConnectionPoster
    from core.realtime.sigv4 import session_credentials

    return ConnectionPoster(endpoint, region, session_credentials(), size)

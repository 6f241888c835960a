"""Dependencies of the broadcaster, built once per cold start on first use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, MissingSetting, load_settings

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics

    from core.realtime.broadcaster import Broadcaster
    from core.realtime.poster import ConnectionPoster


class BroadcasterSettings(FunctionSettings):
    sockets_table: str = Field(alias="SOCKETS_TABLE", min_length=1)
    books_table: str = Field(alias="BOOKS_TABLE", min_length=1)
    user_connections_table: str = Field(alias="USER_CONNECTIONS_TABLE", min_length=1)
    websocket_management_endpoint: str = Field(alias="WEBSOCKET_MANAGEMENT_ENDPOINT", min_length=1)
    fanout_pool_size: int = Field(default=64, alias="FANOUT_POOL_SIZE", ge=1, le=512)
    """Posts in flight at once (threads, and kept-alive connections to the endpoint)."""
    lookup_threads: int = Field(default=8, alias="FANOUT_LOOKUP_THREADS", ge=1, le=64)
    """Per-user connection lookups in flight at once (more only fight over the GIL)."""


@dataclass(frozen=True)
class BroadcasterServices:
    broadcaster: Broadcaster
    table_keys: Mapping[str, str]
    """Physical table name → logical key of every table whose stream is broadcast
    (``functions.stream_consumers.BROADCASTER``)."""
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
    from core.realtime.fanout import FanOut
    from core.realtime.sockets import SocketRegistry
    from core.social.connections import ConnectionRepository
    from functions.stream_consumers import BROADCASTER

    settings = load_settings(BroadcasterSettings, os.environ)
    lookups = ThreadPoolExecutor(settings.lookup_threads, thread_name_prefix="lookup")
    sockets = SocketRegistry(settings.table_location(settings.sockets_table))
    audiences = AudienceResolver(
        BookRepository(settings.table_location(settings.books_table)),
        ConnectionRepository(settings.table_location(settings.user_connections_table)),
    )
    broadcaster = Broadcaster(
        specs_by_table(), audiences, FanOut(sockets, _poster(settings), lookups)
    )
    return BroadcasterServices(
        broadcaster=broadcaster,
        table_keys=BROADCASTER.table_keys(os.environ, broadcaster.dispatch.table_keys),
        logger=Logger(),
        metrics=Metrics(),
    )


def _poster(settings: BroadcasterSettings) -> ConnectionPoster:
    from botocore.session import get_session

    from core.realtime.poster import ConnectionPoster

    # Resolved once; the poster asks them for their current keys at every fan-out, so
    # credentials that botocore refreshes stay fresh.
    credentials = get_session().get_credentials()
    if credentials is None:
        raise MissingSetting("no AWS credentials to sign @connections requests with")
    return ConnectionPoster(
        settings.websocket_management_endpoint,
        settings.region,
        credentials,
        settings.fanout_pool_size,
    )

"""Which function consumes which tables' streams: declared here, once.

``app.py`` registers each consumer with ``@consumes_streams(app)`` on a function of the
declared name; from there the packaged template (one event source mapping per table, the
stream read permissions) and the embedded runtime (one poller per table) follow. At run time
a consumer learns its tables' physical names from ``table_keys`` and hands each change to
the handler of its table (``core.adapters.stream_batches.RecordDispatch``).

Each table's stream allows two readers at a time: keep every table to at most two consumers
(a consumer can dispatch to several handlers). Cheap to import: every function loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from chalice.app import Chalice

from functions.stream_sources import stream_of
from functions.table_variables import table_variable


@dataclass(frozen=True)
class StreamConsumer:
    name: str
    """The function's name in ``app.py`` (and Chalice's, and the deployed one's suffix)."""
    tables: tuple[str, ...]
    """Logical keys (``infra/tables.py``) of the tables whose streams it reads."""
    batch_size: int = 100
    starting_position: Literal["TRIM_HORIZON", "LATEST"] = "TRIM_HORIZON"

    def table_keys(self, environ: Mapping[str, str], handled: Collection[str]) -> dict[str, str]:
        """Physical table name → logical key of each table this consumer reads, from the
        ``<KEY>_TABLE`` variables; ``MissingSetting`` if one is unset or if the handlers
        (``handled``: the table keys they are for) do not match the declaration."""
        from core.settings import MissingSetting

        if set(handled) != set(self.tables):
            raise MissingSetting(
                f"{self.name} reads the streams of {sorted(self.tables)} but has handlers "
                f"for {sorted(handled)}; declare it in functions/stream_consumers.py"
            )
        names: dict[str, str] = {}
        for key in self.tables:
            name = environ.get(table_variable(key))
            if not name:
                raise MissingSetting(f"{self.name}: {table_variable(key)} is not set")
            names[name] = key
        return names


BROADCASTER = StreamConsumer(
    "broadcaster",
    tables=(
        "contacts",
        "connection_requests",
        "user_connections",
        "books",
        "notifications",
        "presence",
    ),
)
"""Pushes an event per change to the WebSocket connections of its audience: one table per
``EventSpec`` of ``core.events.registry``."""
CONTACT_HISTORY = StreamConsumer("contact_history", tables=("contacts",))
"""Records every change of a contact."""

ACTIVITY = StreamConsumer(
    "activity", tables=("connection_requests", "books", "user_connections", "sockets")
)
"""Derived writes: notifications from requests and new members, the shared-books clean-up
when a connection goes, presence from the socket registry (``core.activity``)."""

STREAM_CONSUMERS: tuple[StreamConsumer, ...] = (BROADCASTER, CONTACT_HISTORY, ACTIVITY)


def consumer_named(name: str) -> StreamConsumer:
    for consumer in STREAM_CONSUMERS:
        if consumer.name == name:
            return consumer
    raise KeyError(f"no stream consumer named {name!r} in functions/stream_consumers.py")


def consumes_streams(app: Chalice) -> Callable[[Callable[..., Any]], Any]:
    """Registers the decorated function as the stream consumer declared under its name."""

    def register(handler: Callable[..., Any]) -> Any:
        consumer = consumer_named(handler.__name__)
        return app.on_dynamodb_record(
            stream_arn=stream_of(*consumer.tables),
            batch_size=consumer.batch_size,
            starting_position=consumer.starting_position,
            name=consumer.name,
        )(handler)

    return register

"""A change of one item as its table's stream reports it, in plain Python (no AWS or Lambda
types): what event builders and the history recorder consume; and handing each change to
the handler of its table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

SEQUENCE_WIDTH = 40
"""DynamoDB Streams sequence numbers have 21 to 40 digits."""

ChangeAction = Literal["INSERT", "MODIFY", "REMOVE"]
T = TypeVar("T")


@dataclass(frozen=True)
class StreamChange:
    """Images are in DynamoDB's attribute-value JSON, exactly as the table stores the item;
    turning them into domain models is the consumer's job."""

    table_key: str
    action: ChangeAction
    sequence_number: str
    at: datetime
    """The stream's approximate creation time (second precision at best)."""
    keys: Mapping[str, Any]
    new_image: Mapping[str, Any] | None
    old_image: Mapping[str, Any] | None


ChangeHandler = Callable[[StreamChange], T]


class PoisonChange(Exception):
    """A change its consumer can never handle: retrying would fail the same way."""


class UnknownTable(PoisonChange):
    """A change of a table the consumer has no handler for."""


class ChangeDispatch(Generic[T]):
    """Hands each change to the handler of its table (by logical key): the one place where a
    consumer refuses a table it does not read."""

    def __init__(self, handlers: Mapping[str, ChangeHandler[T]]) -> None:
        self._handlers = dict(handlers)

    @property
    def table_keys(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def __call__(self, change: StreamChange) -> T:
        _, handler = self.resolve(change.table_key, change.table_key)
        return handler(change)

    def resolve(self, table_key: str | None, source: str) -> tuple[str, ChangeHandler[T]]:
        """The key and handler of a table; ``UnknownTable`` if it has none (``table_key`` is
        ``None`` for a table the consumer does not know at all, ``source`` names it)."""
        handler = None if table_key is None else self._handlers.get(table_key)
        if table_key is None or handler is None:
            raise UnknownTable(f"changes of table {source!r} are not handled here")
        return table_key, handler


def padded_sequence_number(sequence_number: str) -> str:
    """The sequence number zero-padded to a fixed width, so that strings sort like numbers."""
    if not sequence_number.isdigit() or len(sequence_number) > SEQUENCE_WIDTH:
        raise ValueError(f"not a stream sequence number: {sequence_number!r}")
    return sequence_number.zfill(SEQUENCE_WIDTH)

"""Where a table lives, binding a repository's private PynamoDB model to it, and reading why
a transaction was cancelled.

Models are declared once, typed, at module level with an unbound ``Meta``; ``bind`` makes
a subclass for one physical table (tests and stages use different names). Indexes are
created per bound class because PynamoDB ties an index object to one model class.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol, TypeVar

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from core.errors import Conflict

M = TypeVar("M", bound=Model)

CONDITION_FAILED = "ConditionalCheckFailed"
LOST_RACE = frozenset({CONDITION_FAILED, "TransactionConflict"})
"""Cancellation codes of a transaction that lost to a concurrent write."""


@dataclass(frozen=True)
class TableLocation:
    name: str
    region: str
    endpoint_url: str | None = None


def bind(model: type[M], location: TableLocation, **indexes: Any) -> type[M]:
    """A subclass of ``model`` stored in the table at ``location``."""
    meta = type(
        "Meta",
        (),
        {"table_name": location.name, "region": location.region, "host": location.endpoint_url},
    )
    namespace: dict[str, Any] = {"Meta": meta, "__module__": model.__module__, **indexes}
    return type(model.__name__, (model,), namespace)


@cache
def connection_to(location: TableLocation) -> Connection:
    """A connection for transactions in ``location``'s region, made once: a new one per
    transaction would build a new botocore client each time (tens of milliseconds)."""
    return Connection(region=location.region, host=location.endpoint_url)


def cancellation_codes(error: TransactWriteError) -> tuple[str | None, ...]:
    """Why each item of a cancelled transaction failed, in the order PynamoDB sent them:
    DynamoDB's code (``ConditionalCheckFailed``, ``TransactionConflict``...) or ``None`` for
    an item that did not fail. PynamoDB sends condition checks, then deletes, then puts, then
    updates, whatever order they were added in; ``transact`` reports them in that order."""
    return tuple(reason.code if reason else None for reason in error.cancellation_reasons)


def condition_failed(error: TransactWriteError, position: int) -> bool:
    """Whether the condition of the ``position``-th item (from 0, in the order PynamoDB sent
    them: see ``cancellation_codes``) failed."""
    codes = cancellation_codes(error)
    return position < len(codes) and codes[position] == CONDITION_FAILED


def lost_race(error: TransactWriteError) -> bool:
    """Whether the transaction lost to a concurrent write (a guard condition failed, or
    another transaction held an item)."""
    return any(code in LOST_RACE for code in cancellation_codes(error))


CONFLICT = "TransactionConflict"
ATTEMPTS = 5


class WriteCondition(Protocol):
    """A condition on an item of another aggregate that a write needs to hold when it
    commits (e.g. "these two users are connected")."""

    def check_in(self, transaction: TransactWrite) -> None:
        """Add it to the write's transaction as a condition check."""
        ...

    def holds(self) -> bool:
        """Whether it holds now (for stores without transactions)."""
        ...


class _InOrder(TransactWrite):
    """Remembers the order items were added in: PynamoDB sends condition checks, deletes,
    puts and updates in that order, and DynamoDB's cancellation reasons follow what it sent."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.added: list[tuple[int, int]] = []
        self._counts = [0, 0, 0, 0]

    def _add(self, kind: int) -> None:
        self.added.append((kind, self._counts[kind]))
        self._counts[kind] += 1

    def condition_check(self, *args: Any, **kwargs: Any) -> None:
        self._add(0)
        super().condition_check(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> None:
        self._add(1)
        super().delete(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._add(2)
        super().save(*args, **kwargs)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._add(3)
        super().update(*args, **kwargs)

    def in_order(self, sent: tuple[str | None, ...]) -> list[str | None]:
        starts = [sum(self._counts[:kind]) for kind in range(4)]
        return [sent[starts[kind] + index] for kind, index in self.added]


def transact(
    location: TableLocation, write: Callable[[TransactWrite], None], attempts: int = ATTEMPTS
) -> list[str | None]:
    """Run the transaction ``write`` fills in: ``[]`` if it committed, else the cancellation
    codes (in the order ``write`` added the items) of a transaction a condition stopped. One
    that only collided with concurrent transactions on the same items is run again (up to
    ``attempts`` times in all, then it is a ``Conflict``); any other failure raises."""
    for attempt in range(1, attempts + 1):
        transaction = _InOrder(connection=connection_to(location))
        try:
            with transaction:
                write(transaction)
            return []
        except TransactWriteError as error:
            codes = cancellation_codes(error)
            if CONDITION_FAILED in codes:
                return transaction.in_order(codes)
            if CONFLICT not in codes:
                raise
        time.sleep(random.uniform(0, 0.02 * attempt))
    raise Conflict("A concurrent change got in the way; try again.", code="concurrent_change")

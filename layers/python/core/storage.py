"""Where a table lives, binding a repository's private PynamoDB model to it, and reading why
a transaction was cancelled.

Models are declared once, typed, at module level with an unbound ``Meta``; ``bind`` makes
a subclass for one physical table (tests and stages use different names). Indexes are
created per bound class because PynamoDB ties an index object to one model class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model

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
    """Why each item of a cancelled transaction failed, in the order the items were written:
    DynamoDB's code (``ConditionalCheckFailed``, ``TransactionConflict``...) or ``None`` for
    an item that did not fail."""
    return tuple(reason.code if reason else None for reason in error.cancellation_reasons)


def condition_failed(error: TransactWriteError, position: int) -> bool:
    """Whether the condition of the item written ``position``-th (from 0) failed."""
    codes = cancellation_codes(error)
    return position < len(codes) and codes[position] == CONDITION_FAILED


def lost_race(error: TransactWriteError) -> bool:
    """Whether the transaction lost to a concurrent write (a guard condition failed, or
    another transaction held an item)."""
    return any(code in LOST_RACE for code in cancellation_codes(error))

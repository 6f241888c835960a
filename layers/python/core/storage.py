"""Where a table lives, and binding a repository's private PynamoDB model to it.

Models are declared once, typed, at module level with an unbound ``Meta``; ``bind`` makes
a subclass for one physical table (tests and stages use different names). Indexes are
created per bound class because PynamoDB ties an index object to one model class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pynamodb.connection import Connection
from pynamodb.models import Model

M = TypeVar("M", bound=Model)


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

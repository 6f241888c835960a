"""Placeholder stream ARNs for ``app.py``.

Chalice needs a stream ARN when ``app.py`` is imported, long before any table exists. A
stream consumer gets a placeholder that names the logical keys of every table it reads
(``infra/tables.py``), joined by ``+``. Chalice's own event source mapping stands for the
first table; the packaged template points it at ``Fn::GetAtt <Table>.StreamArn`` and adds a
mapping per further table, and the embedded runtime polls each table's stream on DynamoDB
Local.
"""

from __future__ import annotations

PLACEHOLDER_PREFIX = "arn:aws:dynamodb:placeholder:000000000000:table/"
PLACEHOLDER_SUFFIX = "/stream/placeholder"
SEPARATOR = "+"


def stream_of(*table_keys: str) -> str:
    """The placeholder stream ARN of the tables with logical keys ``table_keys``."""
    if not table_keys or any(not key or SEPARATOR in key for key in table_keys):
        raise ValueError(f"not a list of table keys: {table_keys!r}")
    return f"{PLACEHOLDER_PREFIX}{SEPARATOR.join(table_keys)}{PLACEHOLDER_SUFFIX}"


def table_keys_of(stream_arn: str) -> tuple[str, ...]:
    """The logical table keys named by a placeholder stream ARN, the first one first."""
    if not (stream_arn.startswith(PLACEHOLDER_PREFIX) and stream_arn.endswith(PLACEHOLDER_SUFFIX)):
        raise ValueError(f"not a placeholder stream ARN: {stream_arn}")
    keys = stream_arn[len(PLACEHOLDER_PREFIX) : -len(PLACEHOLDER_SUFFIX)].split(SEPARATOR)
    if not all(keys):
        raise ValueError(f"not a placeholder stream ARN: {stream_arn}")
    return tuple(keys)

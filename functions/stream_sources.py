"""Stream sources named in ``app.py``.

Chalice needs a stream ARN when ``app.py`` is imported, long before any table exists. It
gets a placeholder that names the table's logical key (see ``infra/tables.py``): the
packaged template replaces it with ``Fn::GetAtt <Table>.StreamArn`` and the embedded
runtime resolves it to the stage's table on DynamoDB Local.
"""

from __future__ import annotations

PLACEHOLDER_PREFIX = "arn:aws:dynamodb:placeholder:000000000000:table/"
PLACEHOLDER_SUFFIX = "/stream/placeholder"


def stream_of(table_key: str) -> str:
    """The placeholder stream ARN of the table with logical key ``table_key``."""
    return f"{PLACEHOLDER_PREFIX}{table_key}{PLACEHOLDER_SUFFIX}"


def table_key_of(stream_arn: str) -> str:
    """The logical table key named by a placeholder stream ARN."""
    if not (stream_arn.startswith(PLACEHOLDER_PREFIX) and stream_arn.endswith(PLACEHOLDER_SUFFIX)):
        raise ValueError(f"not a placeholder stream ARN: {stream_arn}")
    return stream_arn[len(PLACEHOLDER_PREFIX) : -len(PLACEHOLDER_SUFFIX)]

"""Every DynamoDB table the app uses: the one source of truth.

The packaged CloudFormation template, the embedded local runtime and the tests all
build their tables from these specs, so a table or index added here exists everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from functions.table_variables import table_variable

APP_NAME = "addressbook"

AttributeType = Literal["S", "N", "B"]
StreamView = Literal["NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"]


@dataclass(frozen=True)
class IndexSpec:
    """A global secondary index projecting all attributes."""

    name: str
    hash_key: str
    range_key: str | None = None


@dataclass(frozen=True)
class TableSpec:
    key: str
    """Logical name; also the suffix of the physical table name."""
    hash_key: str
    range_key: str | None = None
    attributes: dict[str, AttributeType] = field(default_factory=dict)
    """Types of every key attribute of the table and its indexes."""
    indexes: tuple[IndexSpec, ...] = ()
    ttl_attribute: str | None = None
    stream: StreamView | None = None
    """Set where a stream consumer (broadcaster, history) reads the table."""

    @property
    def env_var(self) -> str:
        """Environment variable through which functions learn the physical name."""
        return table_variable(self.key)

    def physical_name(self, stage: str) -> str:
        return f"{APP_NAME}-{stage}-{self.key.replace('_', '-')}"

    @property
    def logical_id(self) -> str:
        """CloudFormation logical id, e.g. ``ContactHistoryTable``."""
        return "".join(part.capitalize() for part in self.key.split("_")) + "Table"


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        key="users",
        hash_key="pk",
        attributes={"pk": "S"},
    ),
    TableSpec(
        key="refresh_sessions",
        hash_key="session_id",
        attributes={"session_id": "S", "user_id": "S"},
        indexes=(IndexSpec("by_user", "user_id"),),
        ttl_attribute="expires_at",
    ),
    TableSpec(
        key="sockets",
        hash_key="connection_id",
        attributes={"connection_id": "S", "user_id": "S"},
        indexes=(IndexSpec("by_user", "user_id", "connection_id"),),
        ttl_attribute="expires_at",
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="books",
        hash_key="book_id",
        range_key="sk",
        attributes={"book_id": "S", "sk": "S", "member_user_id": "S"},
        indexes=(IndexSpec("by_member", "member_user_id", "book_id"),),
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="contacts",
        hash_key="book_id",
        range_key="contact_id",
        attributes={"book_id": "S", "contact_id": "S"},
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="contact_terms",
        hash_key="book_id",
        range_key="term",
        attributes={"book_id": "S", "term": "S"},
    ),
    TableSpec(
        key="contact_history",
        hash_key="contact_key",
        range_key="change_id",
        attributes={"contact_key": "S", "change_id": "S"},
    ),
    TableSpec(
        key="login_attempts",
        hash_key="key",
        attributes={"key": "S"},
        ttl_attribute="expires_at",
    ),
    TableSpec(
        key="user_terms",
        hash_key="bucket",
        range_key="entry",
        attributes={"bucket": "S", "entry": "S"},
    ),
    TableSpec(
        key="connection_requests",
        hash_key="pk",
        attributes={"pk": "S", "from_user_id": "S", "to_user_id": "S", "list_key": "S"},
        indexes=(
            IndexSpec("incoming", "to_user_id", "list_key"),
            IndexSpec("outgoing", "from_user_id", "list_key"),
        ),
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="user_connections",
        hash_key="user_id",
        range_key="other_id",
        attributes={"user_id": "S", "other_id": "S"},
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="notifications",
        hash_key="user_id",
        range_key="sk",
        attributes={"user_id": "S", "sk": "S", "unread_id": "S"},
        indexes=(IndexSpec("unread", "user_id", "unread_id"),),
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="presence",
        hash_key="user_id",
        attributes={"user_id": "S"},
        stream="NEW_AND_OLD_IMAGES",
    ),
    TableSpec(
        key="idempotency",
        hash_key="id",
        attributes={"id": "S"},
        ttl_attribute="expiration",
    ),
)


def table(key: str) -> TableSpec:
    for spec in TABLES:
        if spec.key == key:
            return spec
    raise KeyError(f"no table spec named {key!r}")


def table_environment(stage: str) -> dict[str, str]:
    """The environment variables that tell functions each table's physical name."""
    return {spec.env_var: spec.physical_name(stage) for spec in TABLES}


def create_table_request(spec: TableSpec, table_name: str) -> dict[str, Any]:
    """Keyword arguments for boto3 ``create_table`` (on-demand billing)."""
    key_schema = [{"AttributeName": spec.hash_key, "KeyType": "HASH"}]
    if spec.range_key:
        key_schema.append({"AttributeName": spec.range_key, "KeyType": "RANGE"})
    request: dict[str, Any] = {
        "TableName": table_name,
        "KeySchema": key_schema,
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": kind}
            for name, kind in sorted(spec.attributes.items())
        ],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if spec.indexes:
        request["GlobalSecondaryIndexes"] = [_index_request(index) for index in spec.indexes]
    if spec.stream:
        request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": spec.stream}
    return request


def _index_request(index: IndexSpec) -> dict[str, Any]:
    key_schema = [{"AttributeName": index.hash_key, "KeyType": "HASH"}]
    if index.range_key:
        key_schema.append({"AttributeName": index.range_key, "KeyType": "RANGE"})
    return {
        "IndexName": index.name,
        "KeySchema": key_schema,
        "Projection": {"ProjectionType": "ALL"},
    }


def create_tables(client: Any, stage: str) -> list[str]:
    """Create every missing table (with TTL) through a boto3 DynamoDB client.

    Returns the physical names of the tables it created. Idempotent.
    """
    existing: set[str] = set()
    page: dict[str, Any] = client.list_tables()
    existing.update(page.get("TableNames", []))
    while page.get("LastEvaluatedTableName"):
        page = client.list_tables(ExclusiveStartTableName=page["LastEvaluatedTableName"])
        existing.update(page.get("TableNames", []))
    created = []
    for spec in TABLES:
        name = spec.physical_name(stage)
        if name in existing:
            continue
        client.create_table(**create_table_request(spec, name))
        if spec.ttl_attribute:
            client.update_time_to_live(
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": spec.ttl_attribute},
            )
        created.append(name)
    return created

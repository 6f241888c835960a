"""DynamoDB stream records as Lambda delivers them: the typed model Powertools' batch
processor validates, and its decoding into the plain ``core.streams.StreamChange``."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamRecordModel
from aws_lambda_powertools.utilities.parser.models.dynamodb import (
    DynamoDBStreamChangedRecordModel,
)
from pydantic import field_validator

from core.clock import utc_now
from core.streams import StreamChange


class RawStreamChange(DynamoDBStreamChangedRecordModel):
    """Powertools' change model, but keys and images stay in attribute-value JSON, so an
    odd image fails in its consumer (a poison record) rather than in validation."""

    Keys: dict[str, Any]
    NewImage: dict[str, Any] | None = None
    OldImage: dict[str, Any] | None = None

    @field_validator("Keys", "NewImage", "OldImage", mode="before")
    @classmethod
    def deserialize_field(cls, value: Any) -> Any:
        return value


class StreamRecord(DynamoDBStreamRecordModel):
    dynamodb: RawStreamChange


def table_name_of(stream_arn: str) -> str:
    """``arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`` → ``<name>``."""
    resource = stream_arn.split(":", 5)[-1]
    parts = resource.split("/")
    if len(parts) < 2 or parts[0] != "table":
        raise ValueError(f"not a DynamoDB stream ARN: {stream_arn}")
    return parts[1]


def stream_change(record: StreamRecord, table_key: str) -> StreamChange:
    """The record as a change of the table with logical key ``table_key``."""
    change = record.dynamodb
    return StreamChange(
        table_key=table_key,
        action=record.eventName,
        sequence_number=change.SequenceNumber,
        at=change.ApproximateCreationDateTime or utc_now(),
        keys=change.Keys,
        new_image=change.NewImage,
        old_image=change.OldImage,
    )

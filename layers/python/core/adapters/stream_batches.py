"""A batch of DynamoDB stream records as Lambda delivers it: the typed record model
Powertools' batch processor validates, each record as a ``core.streams.StreamChange`` of one
of the consumer's tables handed to that table's handler, and the partial batch response
(``ReportBatchItemFailures``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamRecordModel
from aws_lambda_powertools.utilities.parser.models.dynamodb import (
    DynamoDBStreamChangedRecordModel,
)
from pydantic import field_validator

from core.clock import utc_now
from core.streams import ChangeDispatch, ChangeHandler, PoisonChange, StreamChange

T = TypeVar("T")


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


class RecordDispatch(Generic[T]):
    """Each record as a change of its table, handed to that table's handler; a record of any
    other table is an ``UnknownTable`` (a ``PoisonChange``)."""

    def __init__(self, table_keys: Mapping[str, str], changes: ChangeDispatch[T]) -> None:
        self._table_keys = dict(table_keys)
        """Physical table name → logical key."""
        self._changes = changes

    def route(self, record: StreamRecord) -> tuple[StreamChange, ChangeHandler[T]]:
        try:
            source = table_name_of(record.eventSourceARN)
        except ValueError:
            source = record.eventSourceARN
        table_key, handler = self._changes.resolve(self._table_keys.get(source), source)
        return stream_change(record, table_key), handler

    def __call__(self, record: StreamRecord) -> T:
        change, handler = self.route(record)
        return handler(change)


def process_stream_batch(
    event: Mapping[str, Any], context: Any, handle: Callable[[StreamRecord], None]
) -> dict[str, Any]:
    """Every record of ``event`` through ``handle``, one after another; the records it raised
    for are the batch item failures."""
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )

    # A batch whose every record failed is a partial response too: Lambda retries from the
    # first failed record either way, and this way never bisects an in-order batch.
    processor = BatchProcessor(
        EventType.DynamoDBStreams, model=StreamRecord, raise_on_entire_batch_failure=False
    )
    return dict(process_partial_response(dict(event), handle, processor, context))


class BlockedBehindFailure(Exception):
    """Not tried: an earlier record of the batch failed and will be retried first."""


class InOrder(Generic[T]):
    """Records to ``handle`` one after another, keeping each item's changes in stream order:
    once a record fails, every later record of the batch is reported failed untried (Lambda
    retries from the first). A change that can never be handled (``PoisonChange``) is logged
    and skipped: it must not block the shard."""

    def __init__(self, handle: Callable[[StreamRecord], T], logger: logging.Logger) -> None:
        self._handle = handle
        self._logger = logger
        self.failed_at: str | None = None
        self.poisoned = 0

    def __call__(self, record: StreamRecord) -> T | None:
        sequence_number = record.dynamodb.SequenceNumber
        if self.failed_at is not None:
            raise BlockedBehindFailure(f"after failed record {self.failed_at}")
        try:
            return self._handle(record)
        except PoisonChange as error:
            self._logger.error(
                "Skipping a record that can never be handled",
                extra={"sequence_number": sequence_number, "reason": str(error)},
            )
            self.poisoned += 1
            return None
        except Exception:
            self.failed_at = sequence_number
            self._logger.exception(
                "Handling failed; the record will be retried",
                extra={"sequence_number": sequence_number},
            )
            raise

"""A batch of contacts-stream records in, a partial batch response out: each record becomes
one history entry (at most once per sequence number), and a record that cannot be recorded
is reported as a ``batchItemFailure`` without holding up the others."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from core.contact_history.recorder import StreamChange
from functions.contact_history.wiring import services

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
        DynamoDBRecord,
    )
    from aws_lambda_powertools.utilities.typing import LambdaContext
    from chalice.app import DynamoDBEvent

logger = logging.getLogger(__name__)


def stream_change(raw: dict[str, Any]) -> StreamChange:
    """The recorder's view of a raw stream record (images stay attribute-value JSON)."""
    change = raw["dynamodb"]
    return StreamChange(
        event_name=raw["eventName"],
        sequence_number=change["SequenceNumber"],
        approximate_at=datetime.fromtimestamp(float(change["ApproximateCreationDateTime"]), UTC),
        old_image=change.get("OldImage"),
        new_image=change.get("NewImage"),
    )


def record_history(event: DynamoDBEvent) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )

    recorder = services()

    def handle(record: DynamoDBRecord) -> None:  # Powertools passes it as ``record=``
        try:
            recorder.record(stream_change(record.raw_event))
        except Exception:
            logger.exception("cannot record contact change %s", record.event_id)
            raise

    processor = BatchProcessor(EventType.DynamoDBStreams, raise_on_entire_batch_failure=False)
    context = cast("LambdaContext", event.context)
    return dict(process_partial_response(event.to_dict(), handle, processor, context))

"""The stream-triggered adapter: a batch of DynamoDB stream records in, a partial batch
response out (``ReportBatchItemFailures``). What happens to each record, and to a record
that fails, is ``record_handler``'s business."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from functions.broadcaster.wiring import services

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext
    from chalice.app import DynamoDBEvent


def broadcast(event: DynamoDBEvent) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )

    from core.adapters.stream_records import StreamRecord
    from functions.broadcaster.record_handler import RecordHandler

    wired = services()
    # A batch whose every record failed is a partial response too: Lambda retries from the
    # first failed record either way, and this way never bisects an in-order batch.
    processor = BatchProcessor(
        EventType.DynamoDBStreams, model=StreamRecord, raise_on_entire_batch_failure=False
    )
    context = cast("LambdaContext", event.context)
    try:
        response = process_partial_response(
            event.to_dict(), RecordHandler(wired), processor, context
        )
    finally:
        wired.metrics.flush_metrics()
    return dict(response)

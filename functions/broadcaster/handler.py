"""The stream-triggered adapter: a batch of DynamoDB stream records in, a partial batch
response out (``ReportBatchItemFailures``). What happens to each record, and to a record
that fails, is ``record_handler``'s business."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from functions.broadcaster.wiring import services

if TYPE_CHECKING:
    from chalice.app import DynamoDBEvent


def broadcast(event: DynamoDBEvent) -> dict[str, Any]:
    from core.adapters.stream_batches import process_stream_batch
    from functions.broadcaster.record_handler import RecordHandler

    wired = services()
    try:
        return process_stream_batch(event.to_dict(), event.context, RecordHandler(wired))
    finally:
        wired.metrics.flush_metrics()

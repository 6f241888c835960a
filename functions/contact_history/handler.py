"""A batch of contacts-stream records in, a partial batch response out: each record becomes
one history entry (at most once per sequence number), and a record that cannot be recorded
is reported as a ``batchItemFailure`` without holding up the others."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from functions.contact_history.wiring import services

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext
    from chalice.app import DynamoDBEvent

    from core.adapters.stream_records import StreamRecord

logger = logging.getLogger(__name__)
TABLE_KEY = "contacts"
"""The one table whose stream this function consumes (``app.py``)."""


def record_history(event: DynamoDBEvent) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.batch import (
        BatchProcessor,
        EventType,
        process_partial_response,
    )

    from core.adapters.stream_records import StreamRecord, stream_change

    recorder = services()

    def handle(record: StreamRecord) -> None:  # Powertools passes it as ``record=``
        try:
            recorder.record(stream_change(record, TABLE_KEY))
        except Exception:
            logger.exception("cannot record contact change %s", record.eventID)
            raise

    processor = BatchProcessor(
        EventType.DynamoDBStreams, model=StreamRecord, raise_on_entire_batch_failure=False
    )
    context = cast("LambdaContext", event.context)
    return dict(process_partial_response(event.to_dict(), handle, processor, context))

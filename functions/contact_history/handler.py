"""A batch of contacts-stream records in, a partial batch response out: each record becomes
one history entry (at most once per sequence number), and a record that cannot be recorded
is reported as a ``batchItemFailure`` without holding up the others."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from functions.contact_history.wiring import services

if TYPE_CHECKING:
    from chalice.app import DynamoDBEvent

    from core.adapters.stream_batches import StreamRecord

logger = logging.getLogger(__name__)


def record_history(event: DynamoDBEvent) -> dict[str, Any]:
    from core.adapters.stream_batches import process_stream_batch

    records = services()

    def handle(record: StreamRecord) -> None:  # Powertools passes it as ``record=``
        try:
            records(record)
        except Exception:
            logger.exception("cannot record contact change %s", record.eventID)
            raise

    return process_stream_batch(event.to_dict(), event.context, handle)

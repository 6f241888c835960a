"""A batch of stream records in, a partial batch response out: each record to the handler of
its table, in stream order (a failed record holds back the later ones of its batch)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from functions.activity.wiring import services

if TYPE_CHECKING:
    from chalice.app import DynamoDBEvent

logger = logging.getLogger(__name__)


def record_activity(event: DynamoDBEvent) -> dict[str, Any]:
    from core.adapters.stream_batches import InOrder, process_stream_batch

    return process_stream_batch(event.to_dict(), event.context, InOrder(services(), logger))

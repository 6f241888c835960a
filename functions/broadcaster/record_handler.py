"""One batch's records, one after another, so the events of one item leave in stream
order; each record's deliveries go out concurrently (``core.realtime.fanout``).

A record that fails:

- cannot become an event (undecodable image, a table without an ``EventSpec``): it would
  fail the same way forever, so it is logged with a ``PoisonRecords`` metric and skipped;
  it never blocks the shard;
- a lookup or a post failed (throttling, a 5xx from the management API): it is reported
  as a batch item failure, and so is every later record of the batch, untried, so that no
  later change of the same item overtakes it. Lambda retries from the lowest failed
  sequence number; connections that already got the event get it again and drop it by
  ``id`` (at least once).
"""

from __future__ import annotations

from time import perf_counter

from aws_lambda_powertools.metrics import MetricUnit

from core.adapters.stream_batches import RecordDispatch, StreamRecord
from core.streams import PoisonChange
from functions.broadcaster.wiring import BroadcasterServices


class BlockedBehindFailure(Exception):
    """Not tried: an earlier record of the batch failed and will be retried first."""


class RecordHandler:
    def __init__(self, wired: BroadcasterServices) -> None:
        self._wired = wired
        self._records = RecordDispatch(wired.table_keys, wired.broadcaster.dispatch)
        self._failed_at: str | None = None

    def __call__(self, record: StreamRecord) -> None:
        logger, metrics = self._wired.logger, self._wired.metrics
        sequence_number = record.dynamodb.SequenceNumber
        if self._failed_at is not None:
            raise BlockedBehindFailure(f"after failed record {self._failed_at}")
        started = perf_counter()
        try:
            published = self._records(record)
        except PoisonChange as error:
            logger.error(
                "Skipping a record that cannot become an event",
                extra={"sequence_number": sequence_number, "reason": str(error)},
            )
            metrics.add_metric("PoisonRecords", MetricUnit.Count, 1)
            return
        except Exception:
            self._failed_at = sequence_number
            logger.exception(
                "Delivery failed; the record will be retried",
                extra={"sequence_number": sequence_number},
            )
            metrics.add_metric("FailedRecords", MetricUnit.Count, 1)
            raise
        if published is None:
            return
        delivery = published.delivery
        elapsed_ms = (perf_counter() - started) * 1000
        metrics.add_metric("Events", MetricUnit.Count, 1)
        metrics.add_metric("Deliveries", MetricUnit.Count, delivery.delivered)
        metrics.add_metric("PrunedConnections", MetricUnit.Count, delivery.pruned)
        metrics.add_metric("FanOutDuration", MetricUnit.Milliseconds, elapsed_ms)
        logger.info(
            "Event delivered",
            extra={
                "event_type": published.event.type,
                "event_id": published.event.id,
                "audience": published.audience_size,
                "connections": delivery.connections,
                "delivered": delivery.delivered,
                "pruned": delivery.pruned,
                "duration_ms": round(elapsed_ms, 1),
            },
        )

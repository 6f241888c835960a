"""The on-failure destination of the stream functions: one JSON line per discarded batch.

The line has the shape of the message Lambda sends to an on-failure destination
(``requestContext``, ``DDBStreamBatchInfo``) plus the records themselves.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from pathlib import Path
from typing import Any

log = logging.getLogger("local_runtime.streams")


class FailureLog:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def record(
        self,
        function_arn: str,
        stream_arn: str,
        shard_id: str,
        records: list[dict[str, Any]],
        retries: int,
    ) -> None:
        entry = {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": function_arn,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": retries + 1,
            },
            "responseContext": {"functionError": "Unhandled"},
            "version": "1.0",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                "batchSize": len(records),
                "streamArn": stream_arn,
            },
            "records": records,
        }
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as file:
                file.write(json.dumps(entry) + "\n")
        log.error(
            "%s: %d record(s) of %s discarded after %d retries; see %s",
            function_arn.rsplit(":", 1)[-1],
            len(records),
            shard_id,
            retries,
            self.path,
        )

"""Reading one DynamoDB stream through the Streams API: its shards (all pages), shard
iterators from a checkpoint, and the records written before a given moment."""

from __future__ import annotations

from typing import Any

from infra.local_runtime.checkpoints import StreamCheckpoint


class StaleIterator(Exception):
    """The shard iterator can no longer be read; get a new one from the checkpoint.

    Either it expired (15 minutes), or DynamoDB Local answered ``TrimmedDataAccessException``:
    its sequence numbers are global, so an iterator taken while a shard was empty points
    before the shard's first record once other tables have been written to, and DynamoDB
    Local calls that trimmed although nothing was. A new iterator at the same position
    (the checkpoint) reads the records.
    """


class StreamReader:
    def __init__(self, streams: Any, stream_arn: str):
        self._streams = streams
        self.stream_arn = stream_arn

    def shards(self) -> list[dict[str, Any]]:
        """Every shard of the stream, open and closed, following DescribeStream's pages."""
        shards: list[dict[str, Any]] = []
        paging: dict[str, str] = {}
        while True:
            response = self._streams.describe_stream(StreamArn=self.stream_arn, **paging)
            description = response["StreamDescription"]
            shards.extend(description.get("Shards", []))
            last = description.get("LastEvaluatedShardId")
            if not last:
                return shards
            paging = {"ExclusiveStartShardId": last}

    def iterator(self, shard_id: str, position: dict[str, str]) -> str:
        """An iterator at ``position``; from the oldest record if that one was trimmed."""
        try:
            response = self._streams.get_shard_iterator(
                StreamArn=self.stream_arn, ShardId=shard_id, **position
            )
        except self._streams.exceptions.TrimmedDataAccessException:
            response = self._streams.get_shard_iterator(
                StreamArn=self.stream_arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
            )
        return str(response["ShardIterator"])

    def read(self, iterator: str, limit: int) -> tuple[list[dict[str, Any]], str | None]:
        """Up to ``limit`` records and the next iterator (None: a closed shard's end)."""
        try:
            response = self._streams.get_records(ShardIterator=iterator, Limit=min(limit, 1000))
        except (
            self._streams.exceptions.ExpiredIteratorException,
            self._streams.exceptions.TrimmedDataAccessException,
        ) as error:
            raise StaleIterator(str(error)) from None
        return response.get("Records", []), response.get("NextShardIterator")

    def skip_existing(self, checkpoint: StreamCheckpoint, shard_id: str) -> None:
        """Move the checkpoint past every record the shard holds now (``LATEST``)."""
        iterator: str | None = self.iterator(shard_id, {"ShardIteratorType": "TRIM_HORIZON"})
        while iterator is not None:
            records, next_iterator = self.read(iterator, 1000)
            if not records and next_iterator is not None:
                return
            for record in records:
                checkpoint.advance(shard_id, record["dynamodb"]["SequenceNumber"])
            iterator = next_iterator
        checkpoint.finish(shard_id)

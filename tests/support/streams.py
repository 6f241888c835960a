"""Reading a table's stream on moto and shaping its records as Lambda receives them."""

from __future__ import annotations

from typing import Any

import boto3

from infra.local_runtime.stream_events import lambda_record


class StreamTap:
    """The new records of a table's (single-shard) stream, since the last read."""

    def __init__(self, table_name: str, region: str) -> None:
        dynamodb = boto3.client("dynamodb", region_name=region)
        self.arn = dynamodb.describe_table(TableName=table_name)["Table"]["LatestStreamArn"]
        self._region = region
        self._streams = boto3.client("dynamodbstreams", region_name=region)
        shards = self._streams.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]
        self._iterator = self._streams.get_shard_iterator(
            StreamArn=self.arn, ShardId=shards[0]["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]

    def records(self) -> list[dict[str, Any]]:
        page = self._streams.get_records(ShardIterator=self._iterator)
        self._iterator = page["NextShardIterator"]
        return [lambda_record(dict(record), self._region, self.arn) for record in page["Records"]]

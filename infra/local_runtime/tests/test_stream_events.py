from __future__ import annotations

from datetime import UTC, datetime

from infra.local_runtime.stream_events import lambda_record, sequence_number, stream_event

ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000"


def test_converts_a_boto3_record_to_the_lambda_event_shape() -> None:
    boto3_record = {
        "eventID": "e1",
        "eventName": "MODIFY",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "ddblocal",
        "dynamodb": {
            "ApproximateCreationDateTime": datetime(2026, 1, 1, tzinfo=UTC),
            "Keys": {"pk": {"S": "a"}},
            "NewImage": {"pk": {"S": "a"}, "blob": {"B": b"\x00\x01"}, "bs": {"BS": [b"\xff"]}},
            "OldImage": {"pk": {"S": "a"}},
            "SequenceNumber": "000000000000000000042",
            "SizeBytes": 12,
            "StreamViewType": "NEW_AND_OLD_IMAGES",
        },
    }
    record = lambda_record(boto3_record, "us-east-1", ARN)
    assert record["awsRegion"] == "us-east-1"
    assert record["eventSourceARN"] == ARN
    assert record["eventSource"] == "aws:dynamodb"
    dynamodb = record["dynamodb"]
    assert dynamodb["ApproximateCreationDateTime"] == 1767225600
    assert dynamodb["NewImage"]["blob"] == {"B": "AAE="}
    assert dynamodb["NewImage"]["bs"] == {"BS": ["/w=="]}
    assert sequence_number(record) == "000000000000000000042"
    assert stream_event([record]) == {"Records": [record]}

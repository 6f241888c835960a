"""DynamoDB Streams records as Lambda receives them (boto3 hands them over decoded)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any


def _wire(value: Any) -> Any:
    """Undo boto3's decoding: bytes back to base64 text, datetimes to epoch seconds."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_wire(item) for item in value]
    return value


def lambda_record(record: dict[str, Any], region: str, stream_arn: str) -> dict[str, Any]:
    """A GetRecords record in the shape of one entry of a Lambda event's ``Records``."""
    shaped: dict[str, Any] = {
        "eventID": record["eventID"],
        "eventName": record["eventName"],
        "eventVersion": record.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": region,
        "dynamodb": _wire(record["dynamodb"]),
        "eventSourceARN": stream_arn,
    }
    if "userIdentity" in record:
        shaped["userIdentity"] = record["userIdentity"]
    return shaped


def sequence_number(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["SequenceNumber"])


def stream_event(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"Records": records}

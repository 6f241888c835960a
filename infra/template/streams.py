"""Stream-triggered functions: one event source mapping per table read (Chalice's own for
the first, a SAM ``Events`` entry added here for every other), each with the settings of
``infra/stream_mappings``, the table's real stream ARN and the function's SQS on-failure
destination."""

from __future__ import annotations

from typing import Any

from infra.stream_mappings import StreamMappingSettings
from infra.template import names
from infra.template.dynamodb import stream_arn
from infra.template.functions import StreamSource

FOURTEEN_DAYS = 14 * 24 * 3600


def mapping_overrides(
    function_id: str, sources: tuple[StreamSource, ...], mapping: StreamMappingSettings
) -> dict[str, Any]:
    """Merged over the function's SAM ``Events`` (Chalice's one mapping included)."""
    return {
        source.event_id: {
            "Type": "DynamoDB",
            "Properties": mapping_properties(function_id, source, mapping),
        }
        for source in sources
    }


def mapping_properties(
    function_id: str, source: StreamSource, mapping: StreamMappingSettings
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "Stream": stream_arn(source.table),
        "BatchSize": source.batch_size,
        "StartingPosition": source.starting_position,
        "MaximumBatchingWindowInSeconds": source.maximum_batching_window_in_seconds,
        "BisectBatchOnFunctionError": mapping.bisect_batch_on_function_error,
        "MaximumRetryAttempts": mapping.maximum_retry_attempts,
        "MaximumRecordAgeInSeconds": mapping.maximum_record_age_seconds,
        "ParallelizationFactor": mapping.parallelization_factor,
        "DestinationConfig": {
            "OnFailure": {
                "Type": "SQS",
                "Destination": {"Fn::GetAtt": [names.failure_queue(function_id), "Arn"]},
            }
        },
    }
    if mapping.report_batch_item_failures:
        properties["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
    return properties


def failure_queue(stage: str) -> dict[str, Any]:
    """Where a batch's metadata goes once retries are exhausted (records stay in the stream
    for 24 h: the message says which shard and sequence numbers to replay)."""
    return {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "MessageRetentionPeriod": FOURTEEN_DAYS,
            "SqsManagedSseEnabled": True,
            "Tags": [{"Key": "stage", "Value": stage}],
        },
    }

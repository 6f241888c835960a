"""Stream-triggered functions read their tables' real streams with the shared settings and
send what they give up on to an SQS queue that raises an alarm; no table's stream has more
than two readers."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from functions.stream_sources import PLACEHOLDER_PREFIX, table_keys_of
from infra.package import load_app
from infra.stream_mappings import STREAM_MAPPING
from infra.tables import table
from tests.infrastructure.queries import Json, function_with_handler, stream_functions

pytestmark = pytest.mark.packaged


def _mappings(function: Json) -> list[Json]:
    events = [e for e in function["Properties"]["Events"].values() if e["Type"] == "DynamoDB"]
    assert events
    return [event["Properties"] for event in events]


def test_every_stream_handler_of_the_app_is_a_stream_function(template):
    app = load_app()
    assert app.event_sources, "app.py declares no stream handler"
    functions = stream_functions(template)
    for source in app.event_sources:
        name, function = function_with_handler(template, source.handler_string)
        assert name in functions
        read = sorted(mapping["Stream"]["Fn::GetAtt"][0] for mapping in _mappings(function))
        assert read == sorted(table(key).logical_id for key in table_keys_of(source.stream_arn))
        assert {mapping["Stream"]["Fn::GetAtt"][1] for mapping in _mappings(function)} == {
            "StreamArn"
        }
    assert len(functions) == len(app.event_sources)


def test_no_table_stream_has_more_than_two_readers(template):
    readers = Counter(
        mapping["Stream"]["Fn::GetAtt"][0]
        for function in stream_functions(template).values()
        for mapping in _mappings(function)
    )
    assert readers, "no event source mapping"
    assert max(readers.values()) <= 2, readers


def test_no_placeholder_stream_arn_is_left(template):
    assert PLACEHOLDER_PREFIX not in json.dumps(template)


def test_mappings_use_the_shared_batch_settings(template):
    mappings = [m for function in stream_functions(template).values() for m in _mappings(function)]
    for mapping in mappings:
        assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert mapping["BisectBatchOnFunctionError"] is True
        assert mapping["MaximumRetryAttempts"] == STREAM_MAPPING.maximum_retry_attempts
        assert mapping["MaximumRecordAgeInSeconds"] == STREAM_MAPPING.maximum_record_age_seconds
        assert mapping["ParallelizationFactor"] == STREAM_MAPPING.parallelization_factor
        assert mapping["BatchSize"] >= 1
        assert mapping["StartingPosition"] in ("LATEST", "TRIM_HORIZON")


def test_failures_go_to_a_queue_that_raises_an_alarm(template):
    resources = template["Resources"]
    for name, function in stream_functions(template).items():
        destinations = [
            mapping["DestinationConfig"]["OnFailure"] for mapping in _mappings(function)
        ]
        on_failure = destinations[0]
        assert all(destination == on_failure for destination in destinations), name
        queue_id, attribute = on_failure["Destination"]["Fn::GetAtt"]
        assert (on_failure["Type"], attribute) == ("SQS", "Arn")
        assert resources[queue_id]["Type"] == "AWS::SQS::Queue"
        alarms = [
            alarm["Properties"]
            for alarm in resources.values()
            if alarm["Type"] == "AWS::CloudWatch::Alarm"
            and alarm["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
            and alarm["Properties"]["Dimensions"][0]["Value"]
            == {"Fn::GetAtt": [queue_id, "QueueName"]}
        ]
        assert len(alarms) == 1, name
        assert alarms[0]["ComparisonOperator"] == "GreaterThanThreshold"
        assert alarms[0]["Threshold"] == 0

"""Log groups with retention and alarms: function errors and throttles, stream iterator age,
and any message on an on-failure queue. Alarms notify one SNS topic per stage."""

from __future__ import annotations

from typing import Any

from infra.template import names

FIVE_MINUTES = 300
ITERATOR_AGE_LIMIT_MS = 5 * 60 * 1000


def log_group(function_name: str, retention_days: int) -> dict[str, Any]:
    return {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Properties": {
            "LogGroupName": f"/aws/lambda/{function_name}",
            "RetentionInDays": retention_days,
        },
    }


def alarm_topic(stage: str) -> dict[str, Any]:
    return {
        "Type": "AWS::SNS::Topic",
        "Properties": {"TopicName": f"addressbook-{stage}-alarms"},
    }


def function_alarms(function_id: str, function_name: str, stream: bool) -> dict[str, Any]:
    dimensions = [{"Name": "FunctionName", "Value": {"Ref": function_id}}]
    alarms = {
        names.errors_alarm(function_id): _alarm(
            f"{function_name} raised errors",
            namespace="AWS/Lambda",
            metric="Errors",
            dimensions=dimensions,
            statistic="Sum",
            threshold=0,
        ),
        names.throttles_alarm(function_id): _alarm(
            f"{function_name} was throttled",
            namespace="AWS/Lambda",
            metric="Throttles",
            dimensions=dimensions,
            statistic="Sum",
            threshold=0,
        ),
    }
    if stream:
        alarms[names.iterator_age_alarm(function_id)] = _alarm(
            f"{function_name} lags its stream by more than five minutes",
            namespace="AWS/Lambda",
            metric="IteratorAge",
            dimensions=dimensions,
            statistic="Maximum",
            threshold=ITERATOR_AGE_LIMIT_MS,
        )
        queue = names.failure_queue(function_id)
        alarms[names.failure_queue_alarm(function_id)] = _alarm(
            f"{function_name} gave up on stream records (see its on-failure queue)",
            namespace="AWS/SQS",
            metric="ApproximateNumberOfMessagesVisible",
            dimensions=[{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}],
            statistic="Maximum",
            threshold=0,
        )
    return alarms


def _alarm(
    description: str,
    *,
    namespace: str,
    metric: str,
    dimensions: list[dict[str, Any]],
    statistic: str,
    threshold: float,
) -> dict[str, Any]:
    topic = {"Ref": names.ALARM_TOPIC}
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": description,
            "Namespace": namespace,
            "MetricName": metric,
            "Dimensions": dimensions,
            "Statistic": statistic,
            "Period": FIVE_MINUTES,
            "EvaluationPeriods": 1,
            "Threshold": threshold,
            "ComparisonOperator": "GreaterThanThreshold",
            "TreatMissingData": "notBreaching",
            "AlarmActions": [topic],
            "OKActions": [topic],
        },
    }

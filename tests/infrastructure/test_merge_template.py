"""The merge template generator on small, hand-made Chalice templates (no packaging)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from chalice.app import Chalice

from functions.stream_sources import stream_of
from infra.template.functions import UnknownFunction, app_functions
from infra.template.merge import MergeConflict, merge_template
from infra.template.stages import stage_settings

Json = dict[str, Any]


def _toy_app() -> Chalice:
    app = Chalice(app_name="toy")

    @app.on_dynamodb_record(stream_arn=stream_of("contacts"), name="recorder")
    def recorder(event):
        from functions.broadcaster.handler import broadcast

        return broadcast(event)

    return app


def _function(handler: str, role: str, events: Json | None = None) -> Json:
    properties = {"Handler": handler, "Role": {"Fn::GetAtt": [role, "Arn"]}}
    if events is not None:
        properties["Events"] = events
    return {"Type": "AWS::Serverless::Function", "Properties": properties}


def _base(**resources: Json) -> Json:
    return {"Resources": resources}


STREAM_EVENT = {"RecorderDynamodbEventSource": {"Type": "DynamoDB", "Properties": {}}}


def test_stream_functions_are_found_with_their_table_and_event():
    base = _base(Recorder=_function("app.recorder", "RecorderRole", STREAM_EVENT))
    (function,) = app_functions(_toy_app(), base)
    assert (function.logical_id, function.role_id, function.name) == (
        "Recorder",
        "RecorderRole",
        "recorder",
    )
    (source,) = function.streams
    assert source.table.key == "contacts"
    assert source.event_id == "RecorderDynamodbEventSource"


def test_the_merge_template_wires_a_stream_function():
    base = _base(Recorder=_function("app.recorder", "RecorderRole", STREAM_EVENT))
    merged = merge_template(_toy_app(), base, "dev")
    resources = merged["Resources"]
    event = resources["Recorder"]["Properties"]["Events"]["RecorderDynamodbEventSource"]
    assert event["Properties"]["Stream"] == {"Fn::GetAtt": ["ContactsTable", "StreamArn"]}
    assert resources["Recorder"]["Properties"]["FunctionName"] == "addressbook-dev-recorder"
    for suffix in ("LogGroup", "ErrorsAlarm", "ThrottlesAlarm", "FailureQueue", "IteratorAgeAlarm"):
        assert f"Recorder{suffix}" in resources
    policy = resources["RecorderRole"]["Properties"]["Policies"][0]["PolicyDocument"]
    assert {s["Sid"] for s in policy["Statement"]} >= {"OwnLogGroup", "SourceStream", "Tables"}
    json.dumps(merged)  # plain JSON, ready for --merge-template


def test_a_template_function_unknown_to_the_app_is_refused():
    base = _base(Stray=_function("app.stray", "StrayRole"))
    with pytest.raises(UnknownFunction, match=r"app\.stray"):
        app_functions(_toy_app(), base)


def test_an_app_handler_missing_from_the_template_is_refused():
    with pytest.raises(UnknownFunction, match=r"app\.recorder"):
        app_functions(_toy_app(), _base())


def test_a_shared_default_role_is_refused():
    function = _function("app.recorder", "DefaultRole", STREAM_EVENT)
    function["Properties"]["Role"] = "arn:aws:iam::123456789012:role/precreated"
    with pytest.raises(UnknownFunction, match="autogen_policy"):
        app_functions(_toy_app(), _base(Recorder=function))


def test_added_resources_may_not_clash_with_chalices():
    base = _base(
        Recorder=_function("app.recorder", "RecorderRole", STREAM_EVENT),
        UsersTable={"Type": "AWS::DynamoDB::Table", "Properties": {}},
    )
    with pytest.raises(MergeConflict, match="UsersTable"):
        merge_template(_toy_app(), base, "dev")


def test_only_prod_is_protected_and_local_is_never_packaged():
    assert stage_settings("prod").protect_data
    assert not stage_settings("dev").protect_data
    assert not stage_settings("feature-x").protect_data
    with pytest.raises(ValueError, match="embedded runtime"):
        stage_settings("local")


def test_a_function_reading_several_tables_gets_a_mapping_and_stream_grant_per_table(
    monkeypatch: pytest.MonkeyPatch,
):
    import infra.tables

    streamed = tuple(
        replace(spec, stream="NEW_AND_OLD_IMAGES") if spec.key == "books" else spec
        for spec in infra.tables.TABLES
    )
    monkeypatch.setattr(infra.tables, "TABLES", streamed)
    app = Chalice(app_name="toy")

    @app.on_dynamodb_record(stream_arn=stream_of("contacts", "books"), name="recorder")
    def recorder(event):
        from functions.broadcaster.handler import broadcast

        return broadcast(event)

    base = _base(Recorder=_function("app.recorder", "RecorderRole", STREAM_EVENT))
    (function,) = app_functions(app, base)
    assert [(s.table.key, s.event_id) for s in function.streams] == [
        ("contacts", "RecorderDynamodbEventSource"),
        ("books", "RecorderBooksTableStream"),
    ]
    resources = merge_template(app, base, "dev")["Resources"]
    events = resources["Recorder"]["Properties"]["Events"]
    assert {name: e["Properties"]["Stream"]["Fn::GetAtt"][0] for name, e in events.items()} == {
        "RecorderDynamodbEventSource": "ContactsTable",
        "RecorderBooksTableStream": "BooksTable",
    }
    for event in events.values():
        assert event["Properties"]["BatchSize"] == 100
        assert event["Properties"]["StartingPosition"] == "LATEST"
        assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    statements = resources["RecorderRole"]["Properties"]["Policies"][0]["PolicyDocument"]
    (stream,) = [s for s in statements["Statement"] if s["Sid"] == "SourceStream"]
    assert stream["Resource"] == [
        {"Fn::Sub": "${ContactsTable.Arn}/stream/*"},
        {"Fn::Sub": "${BooksTable.Arn}/stream/*"},
    ]


def test_a_table_without_a_stream_cannot_be_read():
    app = Chalice(app_name="toy")

    @app.on_dynamodb_record(stream_arn=stream_of("contacts", "users"), name="recorder")
    def recorder(event):  # pragma: no cover - never invoked
        return event

    base = _base(Recorder=_function("app.recorder", "RecorderRole", STREAM_EVENT))
    with pytest.raises(UnknownFunction, match="users"):
        app_functions(app, base)

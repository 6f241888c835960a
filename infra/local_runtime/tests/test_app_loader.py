"""A stream function that reads several tables gets a poller source per table."""

from __future__ import annotations

import sys
import types

import pytest
from chalice.app import Chalice

from functions.stream_sources import stream_of, table_keys_of
from infra.local_runtime.app_loader import load_app


def test_each_table_a_function_reads_is_a_source(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Chalice(app_name="toy")

    @app.on_dynamodb_record(stream_arn=stream_of("contacts", "books"), batch_size=7)
    def notify(event: object) -> None:  # pragma: no cover - never invoked
        return None

    @app.on_dynamodb_record(stream_arn=stream_of("contacts"))
    def record(event: object) -> None:  # pragma: no cover - never invoked
        return None

    module = types.ModuleType("toy_streams_app")
    module.app = app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "toy_streams_app", module)
    loaded = load_app("toy_streams_app", "app", "local", "http://127.0.0.1:1")
    sources = [(s.function.name, table_keys_of(s.stream_arn), s.batch_size) for s in loaded.streams]
    assert sources == [
        ("toy-local-notify", ("contacts",), 7),
        ("toy-local-notify", ("books",), 7),
        ("toy-local-record", ("contacts",), 100),
    ]

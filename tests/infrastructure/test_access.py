"""What a function may touch follows from the settings models of its package (no packaging)."""

from __future__ import annotations

import pytest
from chalice.app import Chalice
from pydantic import Field

from core.settings import FunctionSettings, SigningSecretSettings
from infra.template import access
from infra.template.access import (
    FunctionAccess,
    NoSettingsFound,
    access_from_models,
    access_of,
    packages_of,
)
from infra.template.functions import AppFunction, FunctionKind


class BooksOnly(FunctionSettings):
    books_table: str = Field(alias="BOOKS_TABLE")


class SocketsWithSecret(FunctionSettings, SigningSecretSettings):
    sockets_table: str = Field(alias="SOCKETS_TABLE")
    endpoint: str = Field(alias="WEBSOCKET_MANAGEMENT_ENDPOINT")


def _function(kind: FunctionKind, code=None, name="handler") -> AppFunction:
    return AppFunction("Handler", "HandlerRole", f"app.{name}", name, kind, code)


def test_tables_come_from_field_aliases():
    assert access_from_models([BooksOnly]) == FunctionAccess(tables=frozenset({"books"}))


def test_secret_and_management_api_come_from_the_model():
    derived = access_from_models([SocketsWithSecret])
    assert derived == FunctionAccess(
        tables=frozenset({"sockets"}), signing_secret=True, manage_connections=True
    )


def test_handlers_in_app_py_are_traced_through_their_lazy_imports():
    def websocket_handler(event):
        from functions.websocket.lifecycle import connect

        return connect(event)

    packages = packages_of(_function(FunctionKind.WEBSOCKET, websocket_handler), Chalice("t"))
    assert packages == {"functions.websocket"}


def test_websocket_handlers_get_what_their_settings_name():
    def websocket_handler(event):
        from functions.websocket.actions import on_message

        return on_message(event)

    derived = access_of(_function(FunctionKind.WEBSOCKET, websocket_handler), Chalice("t"))
    assert derived.tables == frozenset({"sockets"})
    assert derived.signing_secret
    assert derived.manage_connections


def test_the_authorizer_only_reads_the_secret():
    derived = access_of(_function(FunctionKind.AUTHORIZER, lambda request: None), Chalice("t"))
    assert derived == FunctionAccess(signing_secret=True)


def test_a_function_without_settings_must_be_declared(monkeypatch):
    def orphan(event):
        return event

    with pytest.raises(NoSettingsFound, match="OVERRIDES"):
        access_of(_function(FunctionKind.STREAM, orphan, "orphan"), Chalice("t"))
    declared = FunctionAccess(tables=frozenset({"contacts"}))
    monkeypatch.setitem(access.OVERRIDES, "orphan", declared)
    assert access_of(_function(FunctionKind.STREAM, orphan, "orphan"), Chalice("t")) == declared

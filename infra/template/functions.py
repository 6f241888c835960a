"""Every Lambda function of the packaged template, found by introspecting the Chalice app and
matching each handler to the logical ids Chalice's own template gave it.

Nothing here hand-lists logical ids: a handler added to ``app.py`` (or a blueprint) shows up
with its kind, its role and, for stream handlers, the tables it reads (one event source
mapping each: Chalice's own for the first, one the merge template adds for every other).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from chalice.app import Chalice, DynamoDBEventConfig

from functions.stream_sources import table_keys_of
from infra.tables import TableSpec, table

Template = dict[str, Any]

SERVERLESS_FUNCTION = "AWS::Serverless::Function"
REST_HANDLER = "app.app"


class FunctionKind(Enum):
    REST_API = "rest_api"
    AUTHORIZER = "authorizer"
    WEBSOCKET = "websocket"
    STREAM = "stream"
    PURE = "pure"


@dataclass(frozen=True)
class StreamSource:
    table: TableSpec
    event_id: str
    """The key of the mapping under the function's SAM ``Events``."""
    batch_size: int
    starting_position: str
    maximum_batching_window_in_seconds: int


@dataclass(frozen=True)
class AppFunction:
    logical_id: str
    role_id: str
    handler: str
    """Lambda handler string, e.g. ``app.websocket_connect``."""
    name: str
    kind: FunctionKind
    code: Callable[..., Any] | None
    """The Python callable behind the handler (where Chalice keeps it)."""
    streams: tuple[StreamSource, ...] = ()
    """Where a stream function's records come from, one source per table."""


@dataclass(frozen=True)
class _Handler:
    name: str
    kind: FunctionKind
    code: Callable[..., Any] | None
    stream: DynamoDBEventConfig | None = None


class UnknownFunction(RuntimeError):
    """The template holds a function the app does not declare, or the other way round."""


def app_functions(app: Chalice, base_template: Template) -> list[AppFunction]:
    """Every function of ``base_template`` (Chalice's own output for ``app``), classified."""
    handlers = _handlers_of(app)
    found: list[AppFunction] = []
    for logical_id, resource in sorted(base_template["Resources"].items()):
        if resource["Type"] != SERVERLESS_FUNCTION:
            continue
        properties = resource["Properties"]
        handler = handlers.pop(properties["Handler"], None)
        if handler is None:
            raise UnknownFunction(f"{logical_id} runs {properties['Handler']}, unknown to app.py")
        found.append(
            AppFunction(
                logical_id=logical_id,
                role_id=_role_of(logical_id, properties),
                handler=properties["Handler"],
                name=handler.name,
                kind=handler.kind,
                code=handler.code,
                streams=_streams_of(logical_id, properties, handler),
            )
        )
    if handlers:
        raise UnknownFunction(f"handlers missing from Chalice's template: {sorted(handlers)}")
    return found


def _handlers_of(app: Chalice) -> dict[str, _Handler]:
    handlers: dict[str, _Handler] = {}
    if app.routes:
        handlers[REST_HANDLER] = _Handler("api_handler", FunctionKind.REST_API, None)
    for auth in app.builtin_auth_handlers:
        code = _unwrapped(app.handler_map.get(auth.name))
        handlers[auth.handler_string] = _Handler(auth.name, FunctionKind.AUTHORIZER, code)
    for socket in app.websocket_handlers.values():
        handlers[socket.handler_string] = _Handler(
            socket.name, FunctionKind.WEBSOCKET, _unwrapped(socket.handler_function)
        )
    for source in app.event_sources:
        if not isinstance(source, DynamoDBEventConfig):
            raise UnknownFunction(f"{source.name}: only DynamoDB stream sources are packaged")
        handlers[source.handler_string] = _Handler(
            source.name,
            FunctionKind.STREAM,
            _unwrapped(app.handler_map.get(source.name)),
            stream=source,
        )
    for pure in app.pure_lambda_functions:
        handlers[pure.handler_string] = _Handler(
            pure.name, FunctionKind.PURE, _unwrapped(pure.func)
        )
    return handlers


def _unwrapped(handler: Any) -> Callable[..., Any] | None:
    """The user's function inside Chalice's wrappers (event handlers, authorizers)."""
    while handler is not None and not inspect.isfunction(handler):
        handler = getattr(handler, "func", None)
    return handler


def _role_of(logical_id: str, properties: Template) -> str:
    role = properties.get("Role")
    if not (isinstance(role, dict) and "Fn::GetAtt" in role):
        raise UnknownFunction(
            f"{logical_id} has no role of its own in the template: set autogen_policy to false "
            "for the stage in .chalice/config.json"
        )
    return str(role["Fn::GetAtt"][0])


def _streams_of(
    logical_id: str, properties: Template, handler: _Handler
) -> tuple[StreamSource, ...]:
    if handler.stream is None:
        return ()
    tables = [table(key) for key in table_keys_of(handler.stream.stream_arn)]
    for spec in tables:
        if spec.stream is None:
            raise UnknownFunction(f"{logical_id} reads the stream of {spec.key}, which has none")
    events = properties.get("Events", {})
    dynamodb = [name for name, event in events.items() if event["Type"] == "DynamoDB"]
    if len(dynamodb) != 1:
        raise UnknownFunction(f"{logical_id} should have one DynamoDB event, has {dynamodb}")
    config = handler.stream
    return tuple(
        StreamSource(
            table=spec,
            event_id=dynamodb[0] if i == 0 else f"{logical_id}{spec.logical_id}Stream",
            batch_size=config.batch_size,
            starting_position=config.starting_position,
            maximum_batching_window_in_seconds=config.maximum_batching_window_in_seconds,
        )
        for i, spec in enumerate(tables)
    )

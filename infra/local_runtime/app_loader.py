"""Import the Chalice app and find its entry points: the REST handler, the WebSocket
handlers and the DynamoDB stream functions, each with the name Chalice deploys it under."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalice.app import (
    Chalice,
    ChaliceAuthorizer,
    DynamoDBEventConfig,
    WebsocketEvent,
    WebsocketEventSourceHandler,
)

from functions.stream_sources import stream_of, table_keys_of

Handler = Callable[[dict[str, Any], Any], Any]

WEBSOCKET_FUNCTIONS = {
    "$connect": "websocket_connect",
    "$disconnect": "websocket_disconnect",
    "$default": "websocket_message",
}


@dataclass(frozen=True)
class Function:
    """One Lambda function of the app: its deployed name and its entry point."""

    name: str
    key: str
    """The function's name in ``.chalice/config.json`` ``lambda_functions``."""
    handler: Handler


@dataclass(frozen=True)
class StreamSource:
    function: Function
    stream_arn: str
    """A placeholder naming one table (functions.stream_sources): a function that reads
    several tables has one source per table."""
    batch_size: int
    starting_position: str


@dataclass(frozen=True)
class LoadedApp:
    app: Any
    prefix: str
    """``<app_name>-<stage>``, the prefix of every function name."""
    rest: Function
    websocket: dict[str, Function]
    streams: tuple[StreamSource, ...]

    def authorizer_function(self, authorizer: Any) -> Function:
        return Function(f"{self.prefix}-{authorizer.name}", authorizer.name, authorizer)

    def functions(self) -> dict[str, Function]:
        """Every function of the app by deployed name: REST, authorizers (those of the
        routes; reads ``app.routes``), WebSocket, streams."""
        found = {self.rest.name: self.rest}
        for methods in self.app.routes.values():
            for entry in methods.values():
                if isinstance(entry.authorizer, ChaliceAuthorizer):
                    authorizer = self.authorizer_function(entry.authorizer)
                    found[authorizer.name] = authorizer
        found.update((function.name, function) for function in self.websocket.values())
        found.update((source.function.name, source.function) for source in self.streams)
        return found


def load_app(module_name: str, attribute: str, stage: str, management_url: str) -> LoadedApp:
    module = importlib.import_module(module_name)
    app = getattr(module, attribute, None)
    if not isinstance(app, Chalice):
        raise SystemExit(f"error: {module_name}.{attribute} is not a Chalice app")
    if app.websocket_api is not None:
        # Makes chalice's own app.websocket_api.send() reach the local @connections API.
        app.websocket_api._endpoint = management_url
    prefix = f"{app.app_name}-{stage}"
    websocket = {}
    for route_key, config in app.websocket_handlers.items():
        key = WEBSOCKET_FUNCTIONS.get(route_key, "websocket_message")
        websocket[route_key] = Function(f"{prefix}-{key}", key, _websocket_handler(app, config))
    streams = tuple(
        StreamSource(
            Function(f"{prefix}-{source.name}", source.name, app.handler_map[source.name]),
            stream_of(table_key),
            source.batch_size,
            source.starting_position,
        )
        for source in app.event_sources
        if isinstance(source, DynamoDBEventConfig)
        for table_key in _table_keys(source)
    )
    return LoadedApp(app, prefix, Function(prefix, "api_handler", app), websocket, streams)


def _table_keys(source: DynamoDBEventConfig) -> tuple[str, ...]:
    try:
        return table_keys_of(source.stream_arn)
    except ValueError as error:
        raise SystemExit(
            f"error: {source.name}: {error}; declare stream sources with "
            "functions.stream_sources.stream_of(<table keys from infra/tables.py>)"
        ) from None


def _websocket_handler(app: Any, config: Any) -> Handler:
    handler = app.handler_map.get(config.name)
    if isinstance(handler, WebsocketEventSourceHandler):
        return handler
    # Handlers declared on a blueprint are registered unwrapped; wrap them as Chalice
    # does for the app's own handlers.
    wrapped: Handler = WebsocketEventSourceHandler(
        config.handler_function,
        WebsocketEvent,
        app.websocket_api,
        middleware_handlers=app._get_middleware_handlers("websocket"),
    )
    return wrapped

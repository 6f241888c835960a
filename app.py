"""The Chalice app: wiring only. Routes live in blueprints under ``functions/``; the
WebSocket and stream handlers below are one line each, pointing into ``functions/``."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, DynamoDBEvent, WebsocketEvent

from functions.api.authorizer import authorizer_blueprint
from functions.api.middleware import contract_error_bodies
from functions.application import LazyRoutesChalice
from functions.stream_consumers import consumes_streams


def register_rest_routes(app: Chalice) -> None:
    from functions.api.catalog import API_ROUTES

    for api_routes in API_ROUTES:
        app.register_blueprint(api_routes.blueprint)


# No handler of Chalice's own: its logger is named after the app, "addressbook", which is
# also POWERTOOLS_SERVICE_NAME, so it is the very logger Powertools' Logger writes to; with
# both handlers on it, every line was printed twice. Chalice's one log call (an unhandled
# exception in a route) reaches the root logger's handler instead.
app = LazyRoutesChalice(
    app_name="addressbook", register_routes=register_rest_routes, configure_logs=False
)
app.experimental_feature_flags.update(["WEBSOCKETS"])
app.register_blueprint(authorizer_blueprint)
app.register_middleware(contract_error_bodies, "http")


@app.on_ws_connect()
def websocket_connect(event: WebsocketEvent) -> dict[str, Any]:
    from functions.websocket.lifecycle import connect

    return connect(event)


@app.on_ws_disconnect()
def websocket_disconnect(event: WebsocketEvent) -> dict[str, Any]:
    from functions.websocket.lifecycle import disconnect

    return disconnect(event)


@app.on_ws_message()
def websocket_message(event: WebsocketEvent) -> dict[str, Any]:
    from functions.websocket.actions import on_message

    return on_message(event)


# Stream consumers: which tables each one reads is declared in functions/stream_consumers.py.
@consumes_streams(app)
def broadcaster(event: DynamoDBEvent) -> dict[str, Any]:
    from functions.broadcaster.handler import broadcast

    return broadcast(event)


@consumes_streams(app)
def contact_history(event: DynamoDBEvent) -> dict[str, Any]:
    from functions.contact_history.handler import record_history

    return record_history(event)


@consumes_streams(app)
def activity(event: DynamoDBEvent) -> dict[str, Any]:
    from functions.activity.handler import record_activity

    return record_activity(event)

"""``$default``: one JSON object per frame, ``action`` selects what happens. Bad JSON, an
unknown action or a bad field answers an ``error`` event; the connection stays open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from chalice.app import WebsocketEvent
from pydantic import BaseModel, ConfigDict

from functions.websocket.wiring import services


class ActionFrame(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: str


class PingFrame(ActionFrame):
    action: Literal["ping"]


@dataclass(frozen=True)
class ActionContext:
    connection_id: str
    user_id: str


@dataclass(frozen=True)
class Action:
    frame: type[ActionFrame]
    handle: Callable[[ActionContext, Any], dict[str, Any] | None]
    """Returns the frame to send back to the caller, if any."""


def _ping(context: ActionContext, frame: PingFrame) -> dict[str, Any]:
    return {"type": "pong"}


ACTIONS: dict[str, Action] = {
    "ping": Action(PingFrame, _ping),
}


def on_message(event: WebsocketEvent) -> dict[str, Any]:
    from core.adapters.errors import websocket_error_event
    from core.adapters.parsing import parse_json, validate
    from core.errors import BadRequest, DomainError, Unauthenticated
    from core.realtime.gateway import ConnectionGone

    wired = services()
    reply: dict[str, Any] | None
    try:
        data = parse_json(event.body)
        action_name = data.get("action") if isinstance(data, dict) else None
        if not isinstance(data, dict):
            raise BadRequest("A frame must be a JSON object.", code="invalid_frame")
        action = ACTIONS.get(action_name) if isinstance(action_name, str) else None
        if action is None:
            raise BadRequest(f"Unknown action {action_name!r}.", code="unknown_action")
        user_id = wired.sockets.user_of(event.connection_id)
        if user_id is None:
            raise Unauthenticated("This connection is not registered.")
        frame = validate(action.frame, data, "frame")
        reply = action.handle(ActionContext(event.connection_id, user_id), frame)
    except DomainError as error:
        reply = websocket_error_event(error)
    if reply is not None:
        try:
            wired.gateway.send(event.connection_id, reply)
        except ConnectionGone:
            wired.sockets.remove(event.connection_id)
    return {"statusCode": 200}

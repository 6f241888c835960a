"""One execution environment, as Lambda has them: a process that runs one function, one
invocation at a time, for as long as the runtime keeps it.

It reads an invocation (``{"request_id", "deadline", "event"}``, JSON) from its channel,
calls the handler with the event and a Lambda context, and answers ``{"value": ...}``, or
``{"error": {"type", "message", "traceback"}}`` if the handler raised. The value crosses
as JSON, as on Lambda: a result that is not JSON is the handler's failure. Whatever the
handler prints or logs goes to the runtime's stdout; the runtime logs the outcome.
"""

from __future__ import annotations

import json
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Any

from infra.local_runtime.app_loader import Handler
from infra.local_runtime.lambda_context import FunctionConfig, context_for, log_stream_name


def serve(channel: Connection, handler: Handler, function: FunctionConfig) -> None:
    """Answer invocations until the runtime closes the channel."""
    stream = log_stream_name()
    while True:
        try:
            request = json.loads(channel.recv_bytes())
        except (EOFError, OSError):
            return
        context = context_for(function, request["request_id"], request["deadline"], stream)
        answer = invoke(handler, request["event"], context)
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            channel.send_bytes(answer)
        except OSError:
            return


def invoke(handler: Handler, event: dict[str, Any], context: Any) -> bytes:
    """The handler's answer, or its error, as the runtime's JSON message."""
    try:
        value = handler(event, context)
    except Exception as error:
        return _error(type(error).__name__, str(error), traceback.format_exc())
    try:
        return json.dumps({"value": value}).encode()
    except (TypeError, ValueError) as error:
        message = f"Unable to marshal response: {error}"
        return _error("Runtime.MarshalError", message, traceback.format_exc())


def _error(kind: str, message: str, trace: str) -> bytes:
    return json.dumps({"error": {"type": kind, "message": message, "traceback": trace}}).encode()

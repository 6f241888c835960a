"""The WebSocket protocol as the OpenAPI document describes it (``x-websocket`` and a section
of ``info.description``): OpenAPI has no words for WebSocket frames, so this is data."""

from __future__ import annotations

from typing import Any

_EVENTS: dict[str, str] = {
    "contact.created": "Every member of the book; `data` is the contact.",
    "contact.updated": "Every member of the book; `data` is the contact.",
    "contact.deleted": "Every member of the book; `data` is `{id, book_id}`.",
    "chat.message": "The conversation's participants; `data` is the message.",
    "chat.read": "The conversation's participants.",
    "chat.typing": "The conversation's participants but the typist.",
    "book.member_added": (
        "The book's members and the user added (also when a member's role changes); `data` "
        "is `{book_id, user_id, role, since}`."
    ),
    "book.member_removed": (
        "The book's members and the user removed (or who left); `data` is `{book_id, user_id}`."
    ),
    "connection_request.received": "Both parties; `data` is the request.",
    "connection_request.accepted": "Both parties; `data` is the request.",
    "connection_request.rejected": "Both parties; `data` is the request.",
    "connection_request.cancelled": "Both parties; `data` is the request.",
    "connection.removed": "Both parties; `data` is `{user_ids: [a, b]}`.",
    "notification.created": (
        "The recipient; `data` is the notification `{id, verb, actor, target, message, read, "
        "created_at}`."
    ),
    "presence.changed": (
        "The user's connections, when the user's first connection opens or last one closes; "
        "`data` is `{user_id, online, last_seen}`."
    ),
}

WEBSOCKET: dict[str, Any] = {
    "url": "wss://{ws-api-id}.execute-api.{region}.amazonaws.com/{stage}",
    "local_url": "ws://127.0.0.1:8001",
    "authentication": (
        "Query parameter `token` on connect: an access token. A missing, expired or forged "
        "token is refused at the handshake."
    ),
    "framing": "Every frame is one JSON object.",
    "client_frames": {
        "ping": {"frame": {"action": "ping"}, "reply": {"type": "pong"}},
        "message.send": {
            "frame": {
                "action": "message.send",
                "conversation_id": "<id>",
                "text": "<1-4000 chars>",
                "client_id": "<id>",
            },
            "effect": "Stored, then delivered like a message posted over REST.",
        },
        "typing": {
            "frame": {"action": "typing", "conversation_id": "<id>", "state": "start | stop"},
            "effect": "`chat.typing` to the other participant's connections; not stored.",
        },
        "resume": {
            "frame": {"action": "resume", "since": "<event id>"},
            "effect": (
                "The caller's events after that id that it may see, in order, then live "
                'events; events older than the retention come back as one {"type": '
                '"resync_required"}.'
            ),
        },
    },
    "errors": {
        "frame": {"type": "error", "data": {"code": "<snake_case>", "message": "<sentence>"}},
        "when": "Bad JSON, an unknown action or a bad field; the connection stays open.",
    },
    "server_events": {
        "envelope": {"type": "<event type>", "id": "<event id>", "at": "<RFC 3339>", "data": {}},
        "ordering": (
            "`id` is unique per event and increases per stream, so a client can drop "
            "duplicates. Delivery is at least once, in order per item, to every open "
            "connection of every user in the audience, and to no one else."
        ),
        "types": _EVENTS,
    },
}

WEBSOCKET_DESCRIPTION = (
    """\
## WebSocket

Connect to the WebSocket API with `?token=<access_token>`; a bad token is refused at the
handshake. Every frame is one JSON object (the `x-websocket` extension of this document lists
them all).

- Client to server, `action` selects the route: `ping` (answered by `{"type": "pong"}`),
  `message.send {conversation_id, text, client_id}`, `typing {conversation_id, state}`,
  `resume {since}`. Bad input is answered by `{"type": "error", "data": {code, message}}`.
- Server to client: `{"type", "id", "at", "data"}` where `type` is one of """
    + ", ".join(f"`{name}`" for name in _EVENTS)
    + ".\n"
)

"""The OpenAPI document covers every route and event of the social graph, honestly: each
status a route answers with, the shapes of what it returns, and the WebSocket events."""

from __future__ import annotations

import pytest

from functions.api.catalog import API_ROUTES
from functions.api.openapi import openapi_document
from functions.api.openapi_websocket import WEBSOCKET

SOCIAL_ROUTES = {
    ("get", "/users/search"): {"200", "400", "401", "422"},
    ("post", "/connection-requests"): {"201", "400", "401", "404", "409", "422"},
    ("get", "/connection-requests"): {"200", "400", "401", "422"},
    ("post", "/connection-requests/{request_id}/accept"): {"200", "401", "403", "404", "409"},
    ("post", "/connection-requests/{request_id}/reject"): {"200", "401", "403", "404", "409"},
    ("post", "/connection-requests/{request_id}/cancel"): {"200", "401", "403", "404", "409"},
    ("get", "/connections"): {"200", "400", "401", "422"},
    ("delete", "/connections/{user_id}"): {"204", "401", "404"},
    ("get", "/books/{book}/members"): {"200", "400", "401", "404", "422"},
    ("post", "/books/{book}/members"): {"200", "201", "400", "401", "403", "404", "409", "422"},
    ("delete", "/books/{book}/members/{user_id}"): {"204", "401", "403", "404"},
    ("get", "/notifications"): {"200", "400", "401", "422"},
    ("get", "/notifications/unread-count"): {"200", "401"},
    ("post", "/notifications/{notification_id}/read"): {"200", "401", "404"},
    ("post", "/notifications/read-all"): {"200", "401"},
}


@pytest.fixture(scope="module")
def doc():
    return openapi_document(API_ROUTES, title="Test", version="1")


def schema(doc, operation, status="200"):
    ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
    return doc["components"]["schemas"][ref.rsplit("/", 1)[-1]]


@pytest.mark.parametrize(("method", "path"), list(SOCIAL_ROUTES))
def test_every_social_route_with_every_status_it_answers(doc, method, path):
    operation = doc["paths"][path][method]
    assert set(operation["responses"]) == SOCIAL_ROUTES[(method, path)]
    assert operation["security"] == [{"bearerAuth": []}]


def test_the_shapes_the_contract_names(doc):
    request = schema(doc, doc["paths"]["/connection-requests"]["post"], "201")
    assert set(request["required"]) == {
        "id", "from_user_id", "to_user_id", "status", "message", "created_at", "updated_at"
    }  # fmt: skip
    connections = schema(doc, doc["paths"]["/connections"]["get"])
    item = doc["components"]["schemas"][
        connections["properties"]["items"]["items"]["$ref"].rsplit("/", 1)[-1]
    ]
    assert set(item["required"]) == {"user", "since", "online", "last_seen"}
    listed = schema(doc, doc["paths"]["/notifications"]["get"])
    assert set(listed["required"]) == {"items", "next_cursor"}
    count = schema(doc, doc["paths"]["/notifications/unread-count"]["get"])
    assert count["required"] == ["count"]
    parameters = {p["name"] for p in doc["paths"]["/connection-requests"]["get"]["parameters"]}
    assert {"direction", "status", "limit", "cursor"} <= parameters
    unread = {p["name"] for p in doc["paths"]["/notifications"]["get"]["parameters"]}
    assert "unread" in unread


def test_every_social_event_is_described():
    events = WEBSOCKET["server_events"]["types"]
    for name in (
        "connection_request.received", "connection_request.accepted",
        "connection_request.rejected", "connection_request.cancelled", "connection.removed",
        "book.member_added", "book.member_removed", "notification.created", "presence.changed",
    ):  # fmt: skip
        assert name in events

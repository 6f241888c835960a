"""Calling the contact and book routes of the real Chalice app in tests."""

from __future__ import annotations

from typing import Any

from core.books.models import Role
from core.books.repository import BookRepository
from core.clock import utc_now
from core.storage import TableLocation
from infra.tables import table
from tests.support.events import REGION, STAGE, LambdaContext, response_json, rest_event

CONTACTS = "/books/{book}/contacts"
CONTACT = "/books/{book}/contacts/{contact_id}"


def call(app: Any, method: str, resource: str, **kwargs: Any) -> tuple[int, Any, dict[str, Any]]:
    """Status, body (JSON decoded, or text for other media types) and headers."""
    response = app(rest_event(method, resource, **kwargs), LambdaContext())
    headers = response.get("headers") or {}
    if headers.get("Content-Type", "application/json").startswith("application/json"):
        return response["statusCode"], response_json(response), headers
    return response["statusCode"], response.get("body"), headers


def raw_call(app: Any, method: str, resource: str, **kwargs: Any) -> dict[str, Any]:
    response: dict[str, Any] = app(rest_event(method, resource, **kwargs), LambdaContext())
    return response


def ada(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Ada Lovelace",
        "phones": [{"label": "work", "number": "+44 20 7946 0000"}],
        "emails": [{"label": "home", "address": "ada@example.com"}],
        "company": "Analytical Engines",
        "tags": ["math"],
        **extra,
    }


def create_contact(
    app: Any, user: str, body: dict[str, Any] | None = None, book: str = "me"
) -> dict[str, Any]:
    status, data, _ = call(
        app, "POST", CONTACTS, path_params={"book": book}, body=body or ada(), principal=user
    )
    assert status == 201, data
    return data


def stored_books() -> BookRepository:
    """The books table the app uses, read and written directly."""
    return BookRepository(TableLocation(table("books").physical_name(STAGE), REGION))


def share(book_id: str, user_id: str, role: str) -> None:
    """Make ``user_id`` a member (no sharing route yet: through the repository)."""
    stored_books().add_member(book_id, user_id, Role(role), utc_now())

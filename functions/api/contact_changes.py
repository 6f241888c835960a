"""Changing and deleting a contact (``If-Match`` honoured: 412 on a stale version)."""

from __future__ import annotations

from core.auth.principal import Principal
from core.contacts.service import Versions
from functions.api.contacts import contact_reply
from functions.api.routing import ApiRoutes, Reply
from functions.api.schemas.contacts import ContactBody, ContactOut, ContactPatchBody
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")
PATH = "/books/{book}/contacts/{contact_id}"
ERRORS = (400, 401, 403, 404, 409, 412, 422)


@routes.route(
    "PUT", PATH, summary="Replace a contact", body=ContactBody, response=ContactOut, errors=ERRORS
)
def replace_contact(
    book: str, contact_id: str, principal: Principal, body: ContactBody, expected: Versions
) -> Reply:
    contacts = services().contacts
    draft = body.to_draft()
    return contact_reply(contacts.replace(principal.user_id, book, contact_id, draft, expected))


@routes.route(
    "PATCH",
    PATH,
    summary="Change some fields of a contact (JSON merge patch)",
    body=ContactPatchBody,
    response=ContactOut,
    errors=ERRORS,
)
def patch_contact(
    book: str, contact_id: str, principal: Principal, body: ContactPatchBody, expected: Versions
) -> Reply:
    contacts = services().contacts
    return contact_reply(
        contacts.patch(principal.user_id, book, contact_id, body.changes, expected)
    )


@routes.route("DELETE", PATH, summary="Delete a contact", status=204, errors=ERRORS)
def delete_contact(book: str, contact_id: str, principal: Principal, expected: Versions) -> None:
    services().contacts.delete(principal.user_id, book, contact_id, expected)

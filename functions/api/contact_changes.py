"""Changing and deleting a contact (``If-Match`` honoured: 412 on a stale version)."""

from __future__ import annotations

from core.auth.principal import Principal
from functions.api.contacts import contact_reply
from functions.api.routing import ApiRoutes, Reply, RequestMeta
from functions.api.schemas.contacts import ContactBody, ContactOut, ContactPatchBody
from functions.api.versioning import IF_MATCH, expected_versions
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")
PATH = "/books/{book}/contacts/{contact_id}"
ERRORS = (400, 401, 403, 404, 409, 412, 422)


@routes.route(
    "PUT",
    PATH,
    summary="Replace a contact",
    body=ContactBody,
    response=ContactOut,
    errors=ERRORS,
    headers=(IF_MATCH,),
)
def replace_contact(
    book: str, contact_id: str, principal: Principal, body: ContactBody, request: RequestMeta
) -> Reply:
    expected = expected_versions(request.headers)
    contact = services().contacts.replace(
        principal.user_id, book, contact_id, body.to_draft(), expected
    )
    return contact_reply(contact)


@routes.route(
    "PATCH",
    PATH,
    summary="Change some fields of a contact (JSON merge patch)",
    body=ContactPatchBody,
    response=ContactOut,
    errors=ERRORS,
    headers=(IF_MATCH,),
)
def patch_contact(
    book: str, contact_id: str, principal: Principal, body: ContactPatchBody, request: RequestMeta
) -> Reply:
    expected = expected_versions(request.headers)
    contact = services().contacts.patch(principal.user_id, book, contact_id, body.changes, expected)
    return contact_reply(contact)


@routes.route(
    "DELETE", PATH, summary="Delete a contact", status=204, errors=ERRORS, headers=(IF_MATCH,)
)
def delete_contact(book: str, contact_id: str, principal: Principal, request: RequestMeta) -> None:
    expected = expected_versions(request.headers)
    services().contacts.delete(principal.user_id, book, contact_id, expected)

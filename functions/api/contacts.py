"""``/books/{book}/contacts``: create, list and search, read one (``{book}``: an id or ``me``)."""

from __future__ import annotations

from core.auth.principal import Principal
from core.contacts.models import Contact
from core.pagination import Page, Position
from functions.api.routing import ApiRoutes, Reply, RequestMeta
from functions.api.schemas.contacts import ContactBody, ContactList, ContactOut, ContactQuery
from functions.api.versioning import etag
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")


def contact_reply(contact: Contact, status: int | None = None) -> Reply:
    return Reply(ContactOut.of(contact), status, etag(contact.version))


@routes.route(
    "POST",
    "/books/{book}/contacts",
    summary="Add a contact to a book (editors and the owner)",
    status=201,
    body=ContactBody,
    response=ContactOut,
    errors=(400, 401, 403, 404, 409, 422),
    idempotent=True,
)
def create_contact(
    book: str, principal: Principal, body: ContactBody, request: RequestMeta
) -> Reply:
    key = request.headers.get("idempotency-key")
    return contact_reply(services().contacts.create(principal.user_id, book, body.to_draft(), key))


@routes.list(
    "/books/{book}/contacts",
    summary="List a book's contacts, or search them by q (name, email, phone, company) and tag",
    query=ContactQuery,
    response=ContactList,
    errors=(404,),
)
def list_contacts(
    book: str, principal: Principal, query: ContactQuery, at: Position | None
) -> Page[Contact]:
    contacts = services().contacts
    return contacts.list(principal.user_id, book, query.q, query.tag, query.limit, at)


@routes.route(
    "GET",
    "/books/{book}/contacts/{contact_id}",
    summary="One contact, with its version as ETag",
    response=ContactOut,
    errors=(401, 404),
)
def get_contact(book: str, contact_id: str, principal: Principal) -> Reply:
    return contact_reply(services().contacts.get(principal.user_id, book, contact_id))

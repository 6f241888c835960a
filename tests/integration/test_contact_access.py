"""Every authorization rule of books and contacts, each with a test that tries to break it:
non-members get 404 and learn nothing, viewers cannot write, ``me`` is always the caller's."""

from __future__ import annotations

import pytest

from core.books.rules import personal_book_id
from tests.support.contacts_api import CONTACT, CONTACTS, ada, call, create_contact, share

HISTORY = CONTACT + "/history"


@pytest.fixture
def shared(chalice_app):
    """usr_owner's book "Team" with a contact; usr_editor and usr_viewer are members."""
    _, book, _ = call(chalice_app, "POST", "/books", body={"name": "Team"}, principal="usr_owner")
    share(book["id"], "usr_editor", "editor")
    share(book["id"], "usr_viewer", "viewer")
    contact = create_contact(chalice_app, "usr_owner", book=book["id"])
    return chalice_app, book["id"], contact["id"]


def requests(book: str, contact_id: str):
    """Every contact route, as (method, resource, path params, body)."""
    one = {"book": book, "contact_id": contact_id}
    return [
        ("GET", CONTACTS, {"book": book}, None),
        ("POST", CONTACTS, {"book": book}, ada()),
        ("GET", CONTACT, one, None),
        ("PUT", CONTACT, one, ada(name="X")),
        ("PATCH", CONTACT, one, {"name": "Y"}),
        ("GET", HISTORY, one, None),
        ("GET", "/books/{book}/export", {"book": book}, None),
        ("DELETE", CONTACT, one, None),
    ]


def test_non_members_get_404_on_every_route(shared):
    app, book, contact_id = shared
    for method, resource, params, body in requests(book, contact_id):
        status, data, _ = call(
            app, method, resource, path_params=params, body=body, principal="usr_eve"
        )
        assert (status, data["error"]["code"]) == (404, "book_not_found"), (method, resource)
    status, data, _ = call(
        app,
        "POST",
        "/books/{book}/import",
        path_params={"book": book},
        headers={"Content-Type": "text/csv"},
        body="name\nEve\n",
        principal="usr_eve",
    )
    assert status == 404
    # and the contact is untouched
    status, contact, _ = call(
        app,
        "GET",
        CONTACT,
        path_params={"book": book, "contact_id": contact_id},
        principal="usr_owner",
    )
    assert (status, contact["version"]) == (200, 1)


def test_unknown_book_looks_like_a_foreign_one(shared):
    app, book, _ = shared
    foreign = call(app, "GET", CONTACTS, path_params={"book": book}, principal="usr_eve")
    unknown = call(app, "GET", CONTACTS, path_params={"book": "bk_nope"}, principal="usr_eve")
    assert foreign[:2] == unknown[:2]


def test_viewers_read_but_cannot_write(shared):
    app, book, contact_id = shared
    for method, resource, params, body in requests(book, contact_id):
        status, data, _ = call(
            app, method, resource, path_params=params, body=body, principal="usr_viewer"
        )
        if method == "GET":
            assert status == 200, (method, resource)
        else:
            assert (status, data["error"]["code"]) == (403, "forbidden"), (method, resource)
    status, _, _ = call(
        app,
        "POST",
        "/books/{book}/import",
        path_params={"book": book},
        headers={"Content-Type": "text/csv"},
        body="name\nVic\n",
        principal="usr_viewer",
    )
    assert status == 403


def test_editors_and_owner_write(shared):
    app, book, contact_id = shared
    for user in ("usr_editor", "usr_owner"):
        for method, resource, params, body in requests(book, contact_id):
            if method == "DELETE":
                continue
            status, data, _ = call(
                app, method, resource, path_params=params, body=body, principal=user
            )
            assert status in (200, 201), (user, method, resource, data)
    status, _, _ = call(
        app,
        "DELETE",
        CONTACT,
        path_params={"book": book, "contact_id": contact_id},
        principal="usr_editor",
    )
    assert status == 204


def test_me_is_always_the_callers_own_book(chalice_app):
    mine = create_contact(chalice_app, "usr_a")
    status, data, _ = call(
        chalice_app, "GET", CONTACTS, path_params={"book": "me"}, principal="usr_b"
    )
    assert (status, data["items"]) == (200, [])
    one = {"book": "me", "contact_id": mine["id"]}
    status, _, _ = call(chalice_app, "GET", CONTACT, path_params=one, principal="usr_b")
    assert status == 404
    other_me = {"book": personal_book_id("usr_a"), "contact_id": mine["id"]}
    for method, body in (("GET", None), ("PUT", ada()), ("DELETE", None)):
        status, data, _ = call(
            chalice_app, method, CONTACT, path_params=other_me, body=body, principal="usr_b"
        )
        assert (status, data["error"]["code"]) == (404, "book_not_found")
    assert mine["book_id"] == personal_book_id("usr_a")


def test_a_contact_is_only_reachable_through_its_own_book(shared):
    app, _book, contact_id = shared
    create_contact(app, "usr_viewer")
    wrong = {"book": "me", "contact_id": contact_id}
    status, data, _ = call(app, "GET", CONTACT, path_params=wrong, principal="usr_viewer")
    assert (status, data["error"]["code"]) == (404, "contact_not_found")


def test_requests_without_a_caller_are_401(chalice_app):
    status, _data, _ = call(chalice_app, "GET", CONTACTS, path_params={"book": "me"})
    assert status == 401


def test_absurdly_long_ids_name_nothing(chalice_app):
    for book, contact_id in (("me", "c" * 2000), ("b" * 2000, "ct_1")):
        params = {"book": book, "contact_id": contact_id}
        for method in ("GET", "PUT", "DELETE"):
            status, _, _ = call(
                chalice_app, method, CONTACT, path_params=params, body=ada(), principal="usr_a"
            )
            assert status == 404, (method, len(book))

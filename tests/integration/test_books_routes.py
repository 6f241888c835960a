"""``/books`` through the real Chalice app: the personal book, new books, roles."""

from __future__ import annotations

from core.books.rules import personal_book_id
from tests.support.contacts_api import call, share, stored_books


def test_registration_gives_a_personal_book(chalice_app):
    status, user, _ = call(
        chalice_app,
        "POST",
        "/auth/register",
        body={"username": "ada", "email": "ada@example.com", "password": "correct horse"},
    )
    assert status == 201
    book = stored_books().get(personal_book_id(user["id"]))
    assert book is not None
    assert book.personal
    assert book.owner_id == user["id"]
    status, data, _ = call(chalice_app, "GET", "/books", principal=user["id"])
    assert status == 200
    assert [(b["name"], b["role"], b["personal"]) for b in data["items"]] == [
        ("Personal", "owner", True)
    ]
    assert data["next_cursor"] is None


def test_a_missing_personal_book_heals_itself(chalice_app):
    status, data, _ = call(chalice_app, "GET", "/books", principal="usr_nobook")
    assert status == 200
    assert [b["personal"] for b in data["items"]] == [True]
    status, data, _ = call(
        chalice_app, "GET", "/books/{book}/contacts", path_params={"book": "me"}, principal="usr_x"
    )
    assert (status, data["items"]) == (200, [])


def test_create_book_and_list_with_roles(chalice_app):
    status, book, _ = call(chalice_app, "POST", "/books", body={"name": "Work"}, principal="usr_a")
    assert status == 201
    assert (book["name"], book["role"], book["personal"], book["owner_id"]) == (
        "Work",
        "owner",
        False,
        "usr_a",
    )
    share(book["id"], "usr_b", "viewer")
    status, data, _ = call(chalice_app, "GET", "/books", principal="usr_b")
    roles = {b["name"]: b["role"] for b in data["items"]}
    assert roles == {"Personal": "owner", "Work": "viewer"}


def test_book_name_is_validated(chalice_app):
    for body in ({"name": ""}, {"name": "x" * 101}, {}, {"name": "ok", "extra": 1}):
        status, data, _ = call(chalice_app, "POST", "/books", body=body, principal="usr_a")
        assert status == 422, body
        assert data["error"]["details"][0]["field"] in {"name", "extra"}


def test_books_are_paginated_with_signed_cursors(chalice_app):
    for n in range(3):
        call(chalice_app, "POST", "/books", body={"name": f"B{n}"}, principal="usr_a")
    seen: list[str] = []
    cursor = None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        status, data, _ = call(chalice_app, "GET", "/books", query=query, principal="usr_a")
        assert status == 200
        seen += [b["id"] for b in data["items"]]
        cursor = data["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 4
    status, data, _ = call(chalice_app, "GET", "/books", query={"cursor": "x.y"}, principal="usr_a")
    assert (status, data["error"]["code"]) == (400, "invalid_cursor")

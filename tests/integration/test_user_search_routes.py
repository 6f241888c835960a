"""``GET /users/search`` through the real Chalice app: any word prefix of username, full name
or company, or the exact email or phone; email and phone only for connections; ``PATCH /me``
keeps the index in step; pages without duplicates; bad queries named."""

from __future__ import annotations

from tests.support.contacts_api import call
from tests.support.social_api import connect, register


def search(app, viewer, q, **query):
    status, data, _ = call(app, "GET", "/users/search", query={"q": q, **query}, principal=viewer)
    assert status == 200, data
    return data


def ids(app, viewer, q):
    return [user["id"] for user in search(app, viewer, q)["items"]]


def test_found_by_word_prefixes_and_exact_email_or_phone(chalice_app):
    ada = register(
        chalice_app, "ada.king", full_name="Ada Lovelace", company="Analytical Engines",
        phone="+44 20 7946 0000",
    )  # fmt: skip
    bob = register(chalice_app, "bob")
    for q in ("ada", "KING", "lov", "analyt eng", "Lovelace Ada", "ada.king@example.com"):
        assert ids(chalice_app, bob, q) == [ada], q
    for q in ("+44 20 7946 0000", "442079460000"):
        assert ids(chalice_app, bob, q) == [ada], q
    for q in ("ada.king@example", "7946", "babbage", "engines ltd"):
        assert ids(chalice_app, bob, q) == [], q
    (found,) = search(chalice_app, bob, "ada")["items"]
    assert found == {
        "id": ada, "username": "ada.king", "full_name": "Ada Lovelace",
        "company": "Analytical Engines",
    }  # fmt: skip
    connect(chalice_app, bob, ada)
    (found,) = search(chalice_app, bob, "ada")["items"]
    assert (found["email"], found["phone"]) == ("ada.king@example.com", "+44 20 7946 0000")
    (myself,) = search(chalice_app, ada, "ada")["items"]
    assert myself["email"] == "ada.king@example.com"


def test_a_profile_change_moves_the_user_in_the_index(chalice_app):
    ada = register(chalice_app, "ada", full_name="Ada Lovelace", phone="+1 555 0100")
    bob = register(chalice_app, "bob")
    body = {"full_name": "Ada King", "company": "Babbage & Co", "phone": None}
    status, _, _ = call(chalice_app, "PATCH", "/me", body=body, principal=ada)
    assert status == 200
    assert ids(chalice_app, bob, "lovelace") == []
    assert ids(chalice_app, bob, "15550100") == []
    assert ids(chalice_app, bob, "king") == [ada]
    assert ids(chalice_app, bob, "babb") == [ada]
    assert ids(chalice_app, bob, "ada") == [ada]  # the username stays


def test_pages_without_duplicates(chalice_app):
    viewer = register(chalice_app, "viewer")
    smiths = {
        register(chalice_app, f"smith{n}", full_name=f"Sam Smith{n} Smithers") for n in range(5)
    }
    seen, cursor = [], None
    while True:
        page = search(
            chalice_app, viewer, "smith", limit="2", **({"cursor": cursor} if cursor else {})
        )
        assert len(page["items"]) <= 2
        seen += [user["id"] for user in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert sorted(seen) == sorted(smiths)


def test_bad_queries_are_named(chalice_app):
    viewer = register(chalice_app, "viewer")
    for query in ({}, {"q": ""}, {"q": "!!"}, {"q": "x" * 101}, {"q": "ada", "limit": "0"}):
        status, data, _ = call(chalice_app, "GET", "/users/search", query=query, principal=viewer)
        assert status == 422, query
        assert data["error"]["details"][0]["field"] in {"q", "limit"}
    status, data, _ = call(
        chalice_app, "GET", "/users/search", query={"q": "ada", "cursor": "x.y"}, principal=viewer
    )
    assert (status, data["error"]["code"]) == (400, "invalid_cursor")

"""Listing and searching a book's contacts: pages, signed cursors, q and tag, no duplicates."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.contacts_api import CONTACTS, call, create_contact


def names(app, user="usr_a", book="me", **query):
    status, data, _ = call(
        app, "GET", CONTACTS, path_params={"book": book}, query=query, principal=user
    )
    assert status == 200, data
    return sorted(c["name"] for c in data["items"])


@pytest.fixture
def book(chalice_app):
    people: list[dict[str, Any]] = [
        {
            "name": "Ada Lovelace",
            "emails": [{"address": "ada@analytical.org"}],
            "tags": ["math", "VIP"],
        },
        {"name": "Adam Adamson", "company": "Acme Ltd", "tags": ["work"]},
        {
            "name": "Charles Babbage",
            "company": "Analytical Engines",
            "phones": [{"number": "+44 20 7946 0000"}],
        },
        {"name": "Émile Zola", "emails": [{"address": "emile@example.fr"}], "tags": ["vip"]},
    ]
    for person in people:
        create_contact(chalice_app, "usr_a", person)
    return chalice_app


SEARCHES = [
    ({"q": "ada"}, ["Ada Lovelace", "Adam Adamson"]),
    ({"q": "ADAMS"}, ["Adam Adamson"]),
    ({"q": "love"}, ["Ada Lovelace"]),
    ({"q": "anal"}, ["Ada Lovelace", "Charles Babbage"]),
    ({"q": "ada@ana"}, ["Ada Lovelace"]),
    ({"q": "emile"}, ["Émile Zola"]),
    ({"q": "7946"}, []),
    ({"q": "+44 20 79"}, ["Charles Babbage"]),
    ({"q": "020 7946"}, ["Charles Babbage"]),
    ({"q": "acme"}, ["Adam Adamson"]),
    ({"q": "ada love"}, ["Ada Lovelace"]),
    ({"q": "zzz"}, []),
    ({"tag": "vip"}, ["Ada Lovelace", "Émile Zola"]),
    ({"tag": "VIP", "q": "ada"}, ["Ada Lovelace"]),
    ({"tag": "vi"}, []),
]


def test_search(book):
    for query, expected in SEARCHES:
        assert names(book, **query) == expected, query


def test_a_contact_matching_many_terms_is_listed_once_across_pages(chalice_app):
    for n in range(5):
        create_contact(chalice_app, "usr_a", {"name": f"Ada Adams Adair {n}", "company": "Adaco"})
    seen: list[str] = []
    cursor = None
    while True:
        query = {"q": "ad", "limit": "2", **({"cursor": cursor} if cursor else {})}
        status, data, _ = call(
            chalice_app, "GET", CONTACTS, path_params={"book": "me"}, query=query, principal="usr_a"
        )
        assert status == 200
        assert len(data["items"]) <= 2
        seen += [c["id"] for c in data["items"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


def test_search_follows_updates_and_deletes(book):
    _status, data, _ = call(
        book, "GET", CONTACTS, path_params={"book": "me"}, query={"q": "zola"}, principal="usr_a"
    )
    zola = data["items"][0]
    one = {"book": "me", "contact_id": zola["id"]}
    call(
        book,
        "PATCH",
        CONTACTS + "/{contact_id}",
        path_params=one,
        body={"name": "Emile Durkheim"},
        principal="usr_a",
    )
    assert names(book, q="zola") == []
    assert names(book, q="durk") == ["Emile Durkheim"]
    call(book, "DELETE", CONTACTS + "/{contact_id}", path_params=one, principal="usr_a")
    assert names(book, q="emile") == []
    assert names(book, tag="vip") == ["Ada Lovelace"]


def test_listing_pages_in_creation_order(chalice_app):
    created = [create_contact(chalice_app, "usr_a", {"name": f"P{n}"})["id"] for n in range(5)]
    pages, cursor = [], None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        _, data, _ = call(
            chalice_app, "GET", CONTACTS, path_params={"book": "me"}, query=query, principal="usr_a"
        )
        pages.append([c["id"] for c in data["items"]])
        cursor = data["next_cursor"]
        if cursor is None:
            break
    assert pages == [created[0:2], created[2:4], created[4:5]]


@pytest.mark.parametrize("limit", ["0", "101", "x", "-1"])
def test_limit_is_bounded(chalice_app, limit):
    status, data, _ = call(
        chalice_app,
        "GET",
        CONTACTS,
        path_params={"book": "me"},
        query={"limit": limit},
        principal="usr_a",
    )
    assert (status, data["error"]["details"][0]["field"]) == (
        422,
        "query.limit" if False else "limit",
    )


def test_cursors_are_bound_to_caller_and_query(chalice_app):
    for n in range(3):
        create_contact(chalice_app, "usr_a", {"name": f"Ann {n}"})
    create_contact(chalice_app, "usr_b", {"name": "Ann B"})
    _, data, _ = call(
        chalice_app,
        "GET",
        CONTACTS,
        path_params={"book": "me"},
        query={"limit": "1", "q": "ann"},
        principal="usr_a",
    )
    cursor = data["next_cursor"]
    assert cursor
    attempts = [
        ("usr_b", {"q": "ann", "cursor": cursor}),  # another caller (whose "me" differs)
        ("usr_a", {"q": "an", "cursor": cursor}),  # another query
        ("usr_a", {"cursor": cursor}),  # no query
        ("usr_a", {"q": "ann", "cursor": cursor[:-2] + ("AA" if cursor[-2:] != "AA" else "BB")}),
        ("usr_a", {"q": "ann", "cursor": "eyJ0ZXJtIjoiYW5uIn0.AAAA"}),
        ("usr_a", {"q": "ann", "cursor": "%%%"}),
    ]
    for user, query in attempts:
        status, data, _ = call(
            chalice_app, "GET", CONTACTS, path_params={"book": "me"}, query=query, principal=user
        )
        assert (status, data["error"]["code"]) == (400, "invalid_cursor"), (user, query)
    status, data, _ = call(
        chalice_app,
        "GET",
        CONTACTS,
        path_params={"book": "me"},
        query={"limit": "1", "q": "ann", "cursor": cursor},
        principal="usr_a",
    )
    assert status == 200
    assert len(data["items"]) == 1


@pytest.mark.parametrize("q", ["   ", "\u200b\u200b", "", "-+", "\u202e"])
def test_a_search_with_nothing_to_search_for_is_refused_not_everything(book, q):
    status, data, _ = call(book, "GET", CONTACTS, path_params={"book": "me"}, query={"q": q},
                           principal="usr_a")  # fmt: skip
    assert status == 422, data
    assert [d["field"] for d in data["error"]["details"]] == ["q"]

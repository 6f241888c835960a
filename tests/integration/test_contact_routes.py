"""Contact CRUD through the real Chalice app: shape, validation, versions and If-Match."""

from __future__ import annotations

import pytest

from tests.support.contacts_api import CONTACT, CONTACTS, ada, call, create_contact

ME = {"book": "me"}


def one(contact: dict, **extra):
    return {
        "path_params": {"book": "me", "contact_id": contact["id"]},
        "principal": "usr_a",
        **extra,
    }


def test_create_returns_the_full_contact_with_an_etag(chalice_app):
    status, contact, headers = call(
        chalice_app,
        "POST",
        CONTACTS,
        path_params=ME,
        body=ada(birthday="1815-12-10"),
        principal="usr_a",
    )
    assert status == 201
    assert set(contact) == {
        "id",
        "book_id",
        "name",
        "phones",
        "emails",
        "company",
        "title",
        "address",
        "birthday",
        "notes",
        "tags",
        "version",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
    }
    assert contact["version"] == 1
    assert headers["ETag"] == '"1"'
    assert contact["address"] == dict.fromkeys(
        ["street", "city", "region", "postal_code", "country"]
    )
    assert (contact["created_by"], contact["updated_by"]) == ("usr_a", "usr_a")
    assert contact["created_at"].endswith("Z")
    status, fetched, headers = call(chalice_app, "GET", CONTACT, **one(contact))
    assert (status, fetched, headers["ETag"]) == (200, contact, '"1"')


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"phones": []}, "name"),
        (
            {"name": "A", "phones": [{"number": "+44 20 7946 0000"}] * 2 + [{"number": "12"}]},
            "phones.2.number",
        ),
        ({"name": "A", "phones": [{"number": "+44 20 7946 0000"}] * 11}, "phones"),
        ({"name": "A", "emails": [{"address": "not-an-email"}]}, "emails.0.address"),
        ({"name": "A", "tags": ["x" * 41]}, "tags.0"),
        ({"name": "A", "tags": [str(n) for n in range(21)]}, "tags"),
        ({"name": "A", "notes": "x" * 10_001}, "notes"),
        ({"name": "A", "birthday": "2023-02-29"}, "birthday"),
        ({"name": "A", "birthday": "10/12/1815"}, "birthday"),
        ({"name": "A", "address": {"country": "x" * 101}}, "address.country"),
        ({"name": "A", "version": 3}, "version"),
    ],
)
def test_validation_names_the_field(chalice_app, body, field):
    status, data, _ = call(
        chalice_app, "POST", CONTACTS, path_params=ME, body=body, principal="usr_a"
    )
    assert status == 422, data
    assert field in [d["field"] for d in data["error"]["details"]]


def test_birthday_without_a_year_is_accepted(chalice_app):
    contact = create_contact(chalice_app, "usr_a", {"name": "A", "birthday": "--02-29"})
    assert contact["birthday"] == "--02-29"


def test_put_replaces_and_bumps_the_version(chalice_app):
    contact = create_contact(chalice_app, "usr_a")
    status, updated, headers = call(
        chalice_app, "PUT", CONTACT, **one(contact, body={"name": "Ada King"})
    )
    assert status == 200
    assert headers["ETag"] == '"2"'
    assert (updated["name"], updated["phones"], updated["tags"], updated["version"]) == (
        "Ada King",
        [],
        [],
        2,
    )
    assert updated["created_at"] == contact["created_at"]


def test_patch_merges_and_null_clears(chalice_app):
    contact = create_contact(chalice_app, "usr_a", ada(address={"city": "London", "country": "UK"}))
    patch = {"title": "Countess", "company": None, "address": {"city": "Oxford"}}
    status, patched, _ = call(chalice_app, "PATCH", CONTACT, **one(contact, body=patch))
    assert status == 200, patched
    assert (patched["title"], patched["company"]) == ("Countess", None)
    assert patched["address"]["city"] == "Oxford"
    assert patched["address"]["country"] == "UK"
    assert patched["phones"] == contact["phones"]
    status, data, _ = call(chalice_app, "PATCH", CONTACT, **one(contact, body={"name": None}))
    assert (status, data["error"]["details"][0]["field"]) == (422, "name")
    status, data, _ = call(
        chalice_app, "PATCH", CONTACT, **one(contact, body={"phones": [{"number": "x"}]})
    )
    assert (status, data["error"]["details"][0]["field"]) == (422, "phones.0.number")


def test_if_match_is_honoured_on_put_patch_and_delete(chalice_app):
    contact = create_contact(chalice_app, "usr_a")
    for method, body in (("PUT", {"name": "B"}), ("PATCH", {"name": "B"}), ("DELETE", None)):
        for stale in ('"2"', 'W/"1"', '"garbage"', '"99999999999999999999"'):
            status, data, _ = call(
                chalice_app, method, CONTACT, **one(contact, body=body, headers={"If-Match": stale})
            )
            assert (status, data["error"]["code"]) == (412, "precondition_failed"), (method, stale)
        for malformed in ("garbage", ""):  # not an entity-tag list at all
            status, data, _ = call(
                chalice_app, method, CONTACT,
                **one(contact, body=body, headers={"If-Match": malformed}),
            )  # fmt: skip
            assert (status, data["error"]["code"]) == (400, "invalid_if_match"), method
    status, updated, _ = call(
        chalice_app,
        "PATCH",
        CONTACT,
        **one(contact, body={"name": "B"}, headers={"If-Match": '"1"'}),
    )
    assert (status, updated["version"]) == (200, 2)
    status, _, _ = call(chalice_app, "DELETE", CONTACT, **one(contact, headers={"If-Match": '"1"'}))
    assert status == 412
    status, _, _ = call(chalice_app, "DELETE", CONTACT, **one(contact, headers={"If-Match": '"2"'}))
    assert status == 204
    status, data, _ = call(chalice_app, "GET", CONTACT, **one(contact))
    assert (status, data["error"]["code"]) == (404, "contact_not_found")


def test_writes_without_if_match_apply(chalice_app):
    contact = create_contact(chalice_app, "usr_a")
    for name in ("B", "C"):
        status, data, _ = call(chalice_app, "PUT", CONTACT, **one(contact, body={"name": name}))
        assert status == 200
    assert data["version"] == 3
    status, _, _ = call(chalice_app, "DELETE", CONTACT, **one(contact, headers={"If-Match": "*"}))
    assert status == 204


def test_unknown_contacts_are_404(chalice_app):
    ghost = {"id": "ct_nope"}
    for method, body in (("GET", None), ("PUT", {"name": "x"}), ("PATCH", {}), ("DELETE", None)):
        status, data, _ = call(chalice_app, method, CONTACT, **one(ghost, body=body))
        assert (status, data["error"]["code"]) == (404, "contact_not_found"), method

"""Export and import through the real Chalice app: round trips, per-row errors, skips."""

from __future__ import annotations

import pytest

from tests.support.contacts_api import CONTACTS, ada, call, create_contact

EXPORT = "/books/{book}/export"
IMPORT = "/books/{book}/import"
MEDIA = {"csv": "text/csv", "vcard": "text/vcard"}
PEOPLE = [
    ada(
        address={"street": "12 St James's Sq", "city": "London", "country": "UK"},
        birthday="1815-12-10",
    ),
    {
        "name": "Grace Hopper",
        "title": "Rear Admiral",
        "notes": 'COBOL;\n"nanoseconds", wire',
        "emails": [{"address": "grace@navy.mil"}, {"label": "w, ork", "address": "g@example.com"}],
        "phones": [{"number": "+1 202 555 0100", "label": "desk"}],
        "birthday": "--12-09",
        "tags": ["navy", "cs"],
    },
    {"name": "Ünïcødé Ñame"},
]
EDITABLE = ("name", "phones", "emails", "company", "title", "address", "birthday", "notes", "tags")


def editable(contacts):
    return sorted(({k: c[k] for k in EDITABLE} for c in contacts), key=lambda c: c["name"])


def contacts_of(app, user, book):
    _, data, _ = call(app, "GET", CONTACTS, path_params={"book": book}, principal=user)
    return data["items"]


def import_text(app, user, book, text, media="text/csv"):
    return call(
        app,
        "POST",
        IMPORT,
        path_params={"book": book},
        headers={"Content-Type": media},
        body=text,
        principal=user,
    )


@pytest.mark.parametrize("format", ["csv", "vcard"])
def test_export_then_import_gives_the_same_contacts(chalice_app, format):
    for person in PEOPLE:
        create_contact(chalice_app, "usr_a", person)
    status, text, headers = call(
        chalice_app,
        "GET",
        EXPORT,
        path_params={"book": "me"},
        query={"format": format},
        principal="usr_a",
    )
    assert status == 200
    assert headers["Content-Type"].startswith(MEDIA[format])
    _, book, _ = call(chalice_app, "POST", "/books", body={"name": "Copy"}, principal="usr_a")
    status, report, _ = import_text(chalice_app, "usr_a", book["id"], text, MEDIA[format])
    assert (status, report) == (200, {"created": 3, "skipped": 0, "errors": []})
    assert editable(contacts_of(chalice_app, "usr_a", book["id"])) == editable(
        contacts_of(chalice_app, "usr_a", "me")
    )


@pytest.mark.parametrize("format", ["csv", "vcard"])
def test_reimporting_a_books_own_export_creates_nothing(chalice_app, format):
    create_contact(chalice_app, "usr_a")
    _, text, _ = call(
        chalice_app,
        "GET",
        EXPORT,
        path_params={"book": "me"},
        query={"format": format},
        principal="usr_a",
    )
    status, report, _ = import_text(chalice_app, "usr_a", "me", text, MEDIA[format])
    assert (status, report) == (200, {"created": 0, "skipped": 1, "errors": []})


def test_rows_are_validated_like_the_api(chalice_app):
    text = (
        "name,phone_1,email_1,birthday,tags\r\n"
        "Good Row,+44 20 7946 0000,good@example.com,1990-01-31,a;b\r\n"
        ",,,,\r\n"
        "Bad Phone,12,,,\r\n"
        ",,,1990-02-30,\r\n"
    )
    status, report, _ = import_text(chalice_app, "usr_a", "me", text)
    assert status == 200
    assert (report["created"], report["skipped"]) == (1, 1)
    assert report["errors"] == [
        {
            "row": 4,
            "field": "phones.0.number",
            "message": "must be an international phone number, e.g. +44 20 7946 0000",
        },
        {"row": 5, "field": "name", "message": "String should have at least 1 character"},
        {"row": 5, "field": "birthday", "message": "is not a real date"},
    ]
    [good] = contacts_of(chalice_app, "usr_a", "me")
    assert (good["tags"], good["birthday"]) == (["a", "b"], "1990-01-31")


def test_unusable_files_are_reported_and_undecodable_ones_are_400(chalice_app):
    for body, media, problem in [
        ("nombre,telefono\nX,1\n", "text/csv", "CSV header is not usable"),
        ("", "text/csv", "no 'name' column"),
        ("BEGIN:VCARD\nFN:x\n", "text/vcard", "vCard text cannot be read"),
    ]:
        status, report, _ = import_text(chalice_app, "usr_a", "me", body, media)
        assert (status, report["created"]) == (200, 0), body
        assert [e["row"] for e in report["errors"]] == [1]
        assert problem in report["errors"][0]["message"]
    status, data, _ = import_text(chalice_app, "usr_a", "me", b"name\n\xff\xfe\n", "text/csv")
    assert (status, data["error"]["code"]) == (400, "invalid_encoding")


def test_other_media_types_are_refused(chalice_app):
    status, data, _ = import_text(chalice_app, "usr_a", "me", "{}", "application/json")
    assert status == 415
    status, data, _ = call(
        chalice_app,
        "GET",
        EXPORT,
        path_params={"book": "me"},
        query={"format": "xml"},
        principal="usr_a",
    )
    assert (status, data["error"]["details"][0]["field"]) == (422, "format")


def test_vcard_from_another_address_book(chalice_app):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nORG:Acme;Sales\r\n"
        "TEL;TYPE=CELL,VOICE:+1 202 555 0199\r\nEMAIL;TYPE=INTERNET,WORK:jane@acme.example\r\n"
        "BDAY:1980-04-01\r\nCATEGORIES:clients,2024\r\nEND:VCARD\r\n"
    )
    status, report, _ = import_text(chalice_app, "usr_a", "me", text, "text/vcard; charset=utf-8")
    assert (status, report["created"]) == (200, 1), report
    [jane] = contacts_of(chalice_app, "usr_a", "me")
    assert jane["company"] == "Acme"
    assert jane["birthday"] == "1980-04-01"
    assert jane["phones"] == [{"label": "CELL", "number": "+1 202 555 0199"}]
    assert jane["emails"] == [{"label": "WORK", "address": "jane@acme.example"}]
    assert jane["tags"] == ["clients", "2024"]

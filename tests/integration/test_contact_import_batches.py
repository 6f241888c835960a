"""Imports write in batches (a contact never without its search terms) and refuse files over
the limits with a message naming the limit."""

from __future__ import annotations

from core.contacts.repository import BATCH_CHUNK
from core.contacts.transfer import MAX_IMPORT_ROWS
from functions.api.contact_transfer import MAX_IMPORT_BYTES
from tests.integration.test_contact_transfer_routes import contacts_of, import_text
from tests.support.contacts_api import CONTACTS, call


def csv_rows(count: int, words: int = 1) -> str:
    lines = ["name,company,email_1,phone_1,tags"]
    for n in range(count):
        extra = " ".join(f"w{n}x{k}" for k in range(words))
        lines.append(f"Person {n} {extra},Firm {n},p{n}@example.com,+44 20 7946 {n:04d},t{n % 3}")
    return "\r\n".join(lines) + "\r\n"


def test_an_import_of_several_batches_stores_every_contact_with_its_terms(chalice_app):
    count = 2 * BATCH_CHUNK + 7
    status, report, _ = import_text(chalice_app, "usr_a", "me", csv_rows(count, words=25))
    assert (status, report["created"], report["errors"]) == (200, count, [])
    stored = contacts_of(chalice_app, "usr_a", "me")
    assert len(stored) == 25  # the first page
    for n in (
        0,
        BATCH_CHUNK,
        count - 1,
    ):  # each found through its own terms: its terms were written
        _, found, _ = call(chalice_app, "GET", CONTACTS, path_params={"book": "me"},
                           query={"q": f"w{n}x24"}, principal="usr_a")  # fmt: skip
        assert [c["name"] for c in found["items"]] == [f"Person {n} " + " ".join(
            f"w{n}x{k}" for k in range(25))]  # fmt: skip


def test_valid_rows_are_stored_and_bad_ones_reported_in_one_import(chalice_app):
    text = csv_rows(150) + "Bad,,not-an-email,,\r\n"
    status, report, _ = import_text(chalice_app, "usr_a", "me", text)
    assert (status, report["created"]) == (200, 150)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [(152, "emails.0.address")]


def test_more_rows_than_the_limit_are_refused_naming_it(chalice_app):
    status, data, _ = import_text(chalice_app, "usr_a", "me", csv_rows(MAX_IMPORT_ROWS + 1))
    assert (status, data["error"]["code"]) == (400, "too_many_rows")
    assert f"{MAX_IMPORT_ROWS:,}" in data["error"]["message"]
    assert contacts_of(chalice_app, "usr_a", "me") == []


def test_a_file_larger_than_the_limit_is_a_413_naming_it(chalice_app):
    text = "name,notes\r\n" + ("Ada," + "x" * 9000 + "\r\n") * (MAX_IMPORT_BYTES // 9000 + 1)
    status, data, _ = import_text(chalice_app, "usr_a", "me", text)
    assert (status, data["error"]["code"]) == (413, "payload_too_large")
    assert f"{MAX_IMPORT_BYTES:,}" in data["error"]["message"]

"""Address books and contacts end to end: real HTTP against the target (the REST API, the
tables and their streams, the history function fed by the stream)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
import requests

from tests.support.endpoints import Endpoints

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


class Client:
    """A registered, logged-in user (unique per test) talking to the REST API."""

    def __init__(self, endpoints: Endpoints) -> None:
        self.url, self.timeout = endpoints.rest_url, endpoints.timeout
        name = "c" + uuid.uuid4().hex[:12]
        body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
        created = requests.post(f"{self.url}/auth/register", json=body, timeout=self.timeout)
        assert created.status_code == 201, created.text
        self.user_id = created.json()["id"]
        login = {"username": name, "password": PASSWORD}
        tokens = requests.post(f"{self.url}/auth/login", json=login, timeout=self.timeout).json()
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.url + path, timeout=self.timeout, **kwargs)

    def cleanup(self) -> None:
        """Delete what the test left in the caller's personal book."""
        for contact in self("GET", "/books/me/contacts?limit=100").json()["items"]:
            self("DELETE", f"/books/me/contacts/{contact['id']}")


@pytest.fixture
def client(endpoints):
    user = Client(endpoints)
    yield user
    user.cleanup()


ADA = {
    "name": "Ada Lovelace",
    "phones": [{"label": "work", "number": "+44 20 7946 0000"}],
    "emails": [{"label": "home", "address": "ada@example.com"}],
    "address": {"city": "London", "country": "UK"},
    "birthday": "1815-12-10",
    "tags": ["math"],
}


def test_personal_book_crud_and_versions(client):
    books = client("GET", "/books").json()["items"]
    assert [(b["personal"], b["role"]) for b in books] == [(True, "owner")]
    created = client("POST", "/books/me/contacts", json=ADA)
    assert created.status_code == 201
    assert created.headers["ETag"] == '"1"'
    contact = created.json()
    path = f"/books/me/contacts/{contact['id']}"
    assert client("GET", path).json() == contact
    assert client("GET", f"/books/{books[0]['id']}/contacts/{contact['id']}").json() == contact
    stale = client("PATCH", path, json={"title": "Countess"}, headers={"If-Match": '"7"'})
    assert stale.status_code == 412
    patched = client("PATCH", path, json={"title": "Countess"}, headers={"If-Match": '"1"'})
    assert (patched.status_code, patched.headers["ETag"]) == (200, '"2"')
    replaced = client("PUT", path, json={"name": "Ada King"}, headers={"If-Match": '"2"'})
    assert (replaced.json()["name"], replaced.json()["phones"]) == ("Ada King", [])
    found = client("GET", "/books/me/contacts", params={"q": "king"}).json()["items"]
    assert [c["id"] for c in found] == [contact["id"]]
    assert client("DELETE", path, headers={"If-Match": '"2"'}).status_code == 412
    assert client("DELETE", path, headers={"If-Match": '"3"'}).status_code == 204
    assert client("GET", path).status_code == 404


def test_concurrent_if_match_updates_exactly_one_wins(client):
    contact = client("POST", "/books/me/contacts", json=ADA).json()
    path = f"/books/me/contacts/{contact['id']}"
    statuses: list[int] = []
    barrier = threading.Barrier(6)

    def update(n: int) -> None:
        barrier.wait()
        response = client("PATCH", path, json={"notes": f"writer {n}"}, headers={"If-Match": '"1"'})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=update, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [412] * 5
    assert client("GET", path).json()["version"] == 2


def test_history_is_recorded_from_the_stream(endpoints, client):
    contact = client("POST", "/books/me/contacts", json=ADA).json()
    path = f"/books/me/contacts/{contact['id']}"
    client("PATCH", path, json={"company": "Analytical Engines"})
    client("DELETE", path)

    def recorded() -> list[dict[str, Any]] | None:
        items: list[dict[str, Any]] = client("GET", path + "/history").json()["items"]
        return items if len(items) == 3 else None

    items = endpoints.wait_for(recorded, timeout=20)
    assert [(c["action"], c["by"]) for c in items] == [
        ("deleted", client.user_id),
        ("updated", client.user_id),
        ("created", client.user_id),
    ]
    assert items[1]["changes"] == {"company": [None, "Analytical Engines"]}


def test_other_users_see_nothing(endpoints, client):
    contact = client("POST", "/books/me/contacts", json=ADA).json()
    eve = Client(endpoints)
    book = contact["book_id"]
    assert eve("GET", f"/books/{book}/contacts").status_code == 404
    assert eve("GET", f"/books/{book}/contacts/{contact['id']}").status_code == 404
    assert eve("PUT", f"/books/{book}/contacts/{contact['id']}", json=ADA).status_code == 404
    assert eve("GET", "/books/me/contacts").json()["items"] == []
    forged = eve("GET", "/books/me/contacts", params={"cursor": "eyJ4IjoieSJ9.AAAA"})
    assert (forged.status_code, forged.json()["error"]["code"]) == (400, "invalid_cursor")


@pytest.mark.parametrize("format", ["csv", "vcard"])
def test_export_import_round_trip(client, format):
    client("POST", "/books/me/contacts", json=ADA)
    client("POST", "/books/me/contacts", json={"name": "Grace Hopper", "tags": ["navy"]})
    exported = client("GET", "/books/me/export", params={"format": format})
    assert exported.status_code == 200
    copy = client(
        "POST",
        "/books",
        json={"name": f"Copy {format}"},
        headers={"Idempotency-Key": "copy-" + format},
    )
    again = client(
        "POST",
        "/books",
        json={"name": f"Copy {format}"},
        headers={"Idempotency-Key": "copy-" + format},
    )
    assert copy.status_code == again.status_code == 201
    assert copy.json() == again.json()
    book = copy.json()["id"]
    media = {"csv": "text/csv", "vcard": "text/vcard"}[format]
    report = client(
        "POST", f"/books/{book}/import", data=exported.content, headers={"Content-Type": media}
    )
    assert report.json() == {"created": 2, "skipped": 0, "errors": []}

    def fields(book_id: str) -> list[dict[str, Any]]:
        items = client("GET", f"/books/{book_id}/contacts").json()["items"]
        keep = ("name", "phones", "emails", "address", "birthday", "tags", "notes", "company")
        return sorted(({k: c[k] for k in keep} for c in items), key=lambda c: c["name"])

    assert fields(book) == fields("me")
    for contact in client("GET", f"/books/{book}/contacts").json()["items"]:
        client("DELETE", f"/books/{book}/contacts/{contact['id']}")


def biggest(prefix: str, area: int) -> dict[str, Any]:
    """A contact at every limit, whose search terms share nothing with another prefix's."""
    return {
        "name": " ".join(f"{prefix}name{n}" for n in range(30))[:200],
        "phones": [{"label": "l", "number": f"+1 {area} 555 01{n:02d}"} for n in range(10)],
        "emails": [{"address": f"{prefix}{n}@{prefix}.example"} for n in range(10)],
        "company": f"{prefix}corp",
        "tags": [f"{prefix}tag{n}" for n in range(20)],
        "notes": "n" * 10_000,
    }


def test_a_contact_at_every_limit_can_be_replaced_entirely(client):
    """The worst transaction: every old search term removed and a full set written."""
    created = client("POST", "/books/me/contacts", json=biggest("aa", 202))
    assert created.status_code == 201, created.text
    path = f"/books/me/contacts/{created.json()['id']}"
    replaced = client("PUT", path, json=biggest("zz", 303))
    assert replaced.status_code == 200, replaced.text
    assert client("GET", "/books/me/contacts", params={"tag": "aatag1"}).json()["items"] == []
    found = client("GET", "/books/me/contacts", params={"tag": "zztag1"}).json()["items"]
    assert [c["id"] for c in found] == [created.json()["id"]]
    assert client("DELETE", path).status_code == 204

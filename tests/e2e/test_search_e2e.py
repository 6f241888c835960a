"""User search end to end: a prefix of any word of username, full name or company, or the
exact email or phone, never more than that; a user's email and phone only for their
connections (a third user sees the public profile); ``PATCH /me`` moves the user in the
index at once."""

from __future__ import annotations

import uuid

import pytest

from tests.support.endpoints import Endpoints
from tests.support.people import Person

pytestmark = pytest.mark.e2e


def found(viewer: Person, q: str) -> list[dict]:
    return viewer.ok("GET", "/users/search", params={"q": q})["items"]


def test_search_by_words_email_and_phone_with_contact_details_for_connections(
    endpoints: Endpoints,
) -> None:
    token = uuid.uuid4().hex[:8]
    phone = f"+1 555 {int(token, 16) % 10_000_000:07d}"
    ada = Person(
        endpoints, full_name=f"Adaq{token} Lovelace", company=f"Engines{token}", phone=phone
    )
    bob, cyd = Person(endpoints), Person(endpoints)

    for q in (
        f"adaq{token}",
        f"ADAQ{token[:4]}",
        f"engines{token} adaq",
        ada.username[:6],
        ada.email,
        phone,
    ):
        assert [u["id"] for u in found(bob, q)] == [ada.id], q
    assert found(bob, ada.email[:-4]) == []  # an email is found only exactly
    assert found(bob, phone[:-2]) == []
    assert found(bob, f"adaq{token} babbage") == []
    (public,) = found(bob, f"adaq{token}")
    assert public == {
        "id": ada.id, "username": ada.username, "full_name": f"Adaq{token} Lovelace",
        "company": f"Engines{token}",
    }  # fmt: skip

    request = bob.ok("POST", "/connection-requests", json={"to_user_id": ada.id})
    ada.ok("POST", f"/connection-requests/{request['id']}/accept")
    (connected,) = found(bob, f"adaq{token}")
    assert (connected["email"], connected["phone"]) == (ada.email, phone)
    (stranger_view,) = found(cyd, ada.email)
    assert "email" not in stranger_view
    assert "phone" not in stranger_view

    ada.ok("PATCH", "/me", json={"full_name": f"Countess{token}", "phone": None})
    assert found(cyd, f"adaq{token}") == []
    assert [u["id"] for u in found(cyd, f"countess{token}")] == [ada.id]
    assert found(cyd, phone) == []
    bad = cyd("GET", "/users/search", params={"q": "!!"})
    assert (bad.status_code, bad.json()["error"]["details"][0]["field"]) == (422, "q")

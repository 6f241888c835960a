"""Optimistic locking in the contact service, against an in-memory store that can lose races:
with If-Match a lost race is a 412, without it the change is retried on the fresh contact."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from core.contacts.models import ContactDraft
from core.contacts.service import MAX_ATTEMPTS, ContactService
from core.errors import Conflict, NotFound, PreconditionFailed

NOW = datetime(2026, 11, 21, tzinfo=UTC)


class Books:
    def access(self, reference, user_id, action):
        return "bk_1"


class RacyStore:
    """Stores contacts; before the next ``races`` writes, someone else bumps the version."""

    def __init__(self):
        self.contacts = {}
        self.races = 0

    def create(self, contact, once=None):
        self.contacts[contact.id] = contact
        return contact

    def get(self, book_id, contact_id):
        return self.contacts.get(contact_id)

    def _race(self, contact_id):
        if self.races:
            self.races -= 1
            current = self.contacts[contact_id]
            self.contacts[contact_id] = replace(
                current, version=current.version + 1, notes="theirs"
            )

    def replace(self, old, new):
        self._race(old.id)
        if self.contacts[old.id].version != old.version:
            return False
        self.contacts[old.id] = new
        return True

    def delete(self, old, by, at):
        self._race(old.id)
        if self.contacts[old.id].version != old.version:
            return False
        del self.contacts[old.id]
        return True


@pytest.fixture
def setup():
    store = RacyStore()
    service = ContactService(Books(), store, clock=lambda: NOW)  # type: ignore[arg-type]
    contact = service.create("usr_a", "me", ContactDraft(name="Ada"))
    return service, store, contact


def test_with_if_match_a_lost_race_is_precondition_failed(setup):
    service, store, contact = setup
    store.races = 1
    with pytest.raises(PreconditionFailed):
        service.replace("usr_a", "me", contact.id, ContactDraft(name="B"), frozenset({1}))
    assert store.contacts[contact.id].notes == "theirs"


def test_without_if_match_a_lost_race_is_retried_on_the_fresh_contact(setup):
    service, store, contact = setup
    store.races = 2
    patched = service.patch("usr_a", "me", contact.id, {"title": "Countess"}, None)
    assert (patched.version, patched.title, patched.notes) == (4, "Countess", "theirs")
    assert patched.updated_by == "usr_a"
    assert patched.created_at == contact.created_at


def test_endless_races_end_in_a_conflict(setup):
    service, store, contact = setup
    store.races = MAX_ATTEMPTS
    with pytest.raises(Conflict) as raised:
        service.delete("usr_a", "me", contact.id, None)
    assert raised.value.code == "edit_conflict"


def test_delete_with_the_right_version(setup):
    service, _store, contact = setup
    service.delete("usr_a", "me", contact.id, frozenset({1}))
    with pytest.raises(NotFound):
        service.get("usr_a", "me", contact.id)

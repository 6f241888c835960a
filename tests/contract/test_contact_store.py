"""The ``ContactStore`` contract: contacts with versions (a change applies only at the
version it was read at), pages in id order, and the search terms kept with each contact."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from core.contacts.models import Address, Contact, Email
from core.contacts.ports import ContactStore
from core.errors import Conflict

NOW = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def contact(contact_id: str, name: str = "Ada Lovelace", book_id: str = "bk_1") -> Contact:
    return Contact(
        id=contact_id, book_id=book_id, name=name, phones=(),
        emails=(Email("ada@example.com", "work"),), company="Analytical", title=None,
        address=Address(city="London"), birthday="1815-12-10", notes=None, tags=("math",),
        version=1, created_at=NOW, updated_at=NOW, created_by="usr_a", updated_by="usr_a",
    )  # fmt: skip


def hits(contacts: ContactStore, prefix: str, after: str | None = None) -> list[str]:
    return [contact_id for _, contact_id in contacts.term_hits("bk_1", prefix, after)]


def test_a_created_contact_reads_back_equal(contacts: ContactStore) -> None:
    ada = contacts.create(contact("ct_1"))
    assert contacts.get("bk_1", "ct_1") == ada == contact("ct_1")
    assert contacts.get("bk_2", "ct_1") is None
    assert contacts.get("bk_1", "ct_2") is None


def test_a_contact_id_is_taken_once(contacts: ContactStore) -> None:
    contacts.create(contact("ct_1"))
    with pytest.raises(Conflict):
        contacts.create(contact("ct_1", name="Someone Else"))
    assert contacts.get("bk_1", "ct_1") == contact("ct_1")


def test_many_at_once_skips_the_missing(contacts: ContactStore) -> None:
    contacts.create(contact("ct_1"))
    contacts.create(contact("ct_2", name="Grace Hopper"))
    found = contacts.get_many("bk_1", ["ct_2", "ct_9", "ct_1", "ct_2"])
    assert {k: v.name for k, v in found.items()} == {"ct_1": "Ada Lovelace", "ct_2": "Grace Hopper"}


def test_pages_follow_the_contact_ids(contacts: ContactStore) -> None:
    for n in (3, 1, 5, 2, 4):
        contacts.create(contact(f"ct_{n}"))
    contacts.create(contact("ct_0", book_id="bk_2"))
    first, after = contacts.page("bk_1", 2, None)
    assert ([c.id for c in first], after) == (["ct_1", "ct_2"], "ct_2")
    second, after = contacts.page("bk_1", 2, after)
    assert ([c.id for c in second], after) == (["ct_3", "ct_4"], "ct_4")
    assert [c.id for c in contacts.page("bk_1", 2, after)[0]] == ["ct_5"]
    assert contacts.page("bk_1", 2, after)[1] is None
    assert contacts.page("bk_1", 5, None)[1] is None
    assert [c.id for c in contacts.all_of("bk_1")] == ["ct_1", "ct_2", "ct_3", "ct_4", "ct_5"]


def test_a_change_applies_only_at_the_version_read(contacts: ContactStore) -> None:
    ada = contacts.create(contact("ct_1"))
    renamed = replace(ada, name="Ada King", version=2)
    assert contacts.replace(ada, renamed)
    assert contacts.get("bk_1", "ct_1") == renamed
    assert not contacts.replace(ada, replace(ada, name="Stale", version=2))
    assert not contacts.delete(ada, "usr_a", NOW)
    assert contacts.get("bk_1", "ct_1") == renamed


def test_a_deleted_contact_is_gone_and_cannot_be_changed(contacts: ContactStore) -> None:
    ada = contacts.create(contact("ct_1"))
    assert contacts.delete(ada, "usr_a", NOW)
    assert contacts.get("bk_1", "ct_1") is None
    assert not contacts.replace(ada, replace(ada, version=2))
    assert not contacts.delete(ada, "usr_a", NOW)
    assert hits(contacts, "ada") == []


def test_terms_follow_the_contact(contacts: ContactStore) -> None:
    ada = contacts.create(contact("ct_1", name="Ada Lovelace"))
    contacts.create(contact("ct_2", name="Adam Smith"))
    assert hits(contacts, "lovelace") == ["ct_1"]
    assert set(hits(contacts, "ada")) == {"ct_1", "ct_2"}
    contacts.replace(ada, replace(ada, name="Grace Hopper", version=2))
    assert hits(contacts, "lovelace") == []
    assert hits(contacts, "hopper") == ["ct_1"]


def test_terms_come_in_order_from_where_the_last_page_stopped(contacts: ContactStore) -> None:
    for n, name in enumerate(("Smith Ann", "Smith Bob", "Smithers Cy"), start=1):
        contacts.create(contact(f"ct_{n}", name=name))
    entries = list(contacts.term_hits("bk_1", "smith", None))
    assert [contact_id for _, contact_id in entries] == ["ct_1", "ct_2", "ct_3"]
    assert [term for term, _ in entries] == sorted(term for term, _ in entries)
    assert hits(contacts, "smith", after=entries[0][0]) == ["ct_2", "ct_3"]

"""The field diff between two versions of a contact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.contact_history.diff import diff
from core.contacts.models import Address, ContactDraft, Email, Phone
from core.streams import padded_sequence_number as change_id_of

ADA = ContactDraft(
    name="Ada",
    phones=(Phone("+44 20 7946 0000", "work"),),
    address=Address(city="London"),
    tags=("math",),
)


def test_created_lists_non_empty_fields():
    assert diff(None, ADA) == {
        "name": [None, "Ada"],
        "phones": [None, [{"label": "work", "number": "+44 20 7946 0000"}]],
        "address": [
            None,
            {
                "street": None,
                "city": "London",
                "region": None,
                "postal_code": None,
                "country": None,
            },
        ],
        "tags": [None, ["math"]],
    }


def test_deleted_is_the_mirror_of_created():
    assert diff(ADA, None) == {field: [new, old] for field, (old, new) in diff(None, ADA).items()}


def test_updated_lists_only_changed_fields():
    changed = ContactDraft(
        name="Ada King",
        phones=ADA.phones,
        address=Address(),
        emails=(Email("a@example.com"),),
        tags=("math",),
    )
    assert diff(ADA, changed) == {
        "name": ["Ada", "Ada King"],
        "emails": [None, [{"label": None, "address": "a@example.com"}]],
        "address": [
            {
                "street": None,
                "city": "London",
                "region": None,
                "postal_code": None,
                "country": None,
            },
            None,
        ],
    }


drafts = st.builds(
    ContactDraft,
    name=st.text(min_size=1, max_size=5),
    company=st.none() | st.text(max_size=3),
    notes=st.none() | st.text(max_size=3),
    tags=st.lists(st.text(min_size=1, max_size=3), max_size=2).map(tuple),
)


@given(drafts)
def test_no_change_no_diff(draft):
    assert diff(draft, draft) == {}


@given(drafts, drafts)
def test_diff_sides_are_the_two_versions(old, new):
    for field, (before, after) in diff(old, new).items():
        assert before != after
        assert field in {"name", "company", "notes", "tags"}


def test_change_ids_sort_like_sequence_numbers():
    numbers = ["9", "100", "4900000000000000000001", "49000000000000000000010"]
    assert sorted(map(change_id_of, numbers)) == list(map(change_id_of, numbers))
    for bad in ("", "12a", "-1", "1" * 41):
        try:
            change_id_of(bad)
        except ValueError:
            continue
        raise AssertionError(bad)

"""The one validation of contact input (API and imports): errors name the field."""

from __future__ import annotations

import pytest

from core.contacts.models import Address, ContactDraft, Email, Phone
from core.contacts.validation import parse_contact
from core.errors import BadRequest, ValidationFailed


def fields_of(data) -> list[str]:
    with pytest.raises(ValidationFailed) as raised:
        parse_contact(data)
    return [problem.field for problem in raised.value.details]


def test_a_valid_contact_becomes_a_draft():
    draft = parse_contact(
        {
            "name": "  Ada  ",
            "phones": [{"label": "", "number": " +44 20 7946 0000 "}],
            "emails": [{"address": "ada@example.com"}],
            "company": "",
            "address": {"city": "London", "street": " "},
            "birthday": "18151210",
            "tags": ["Math", "math", " vip "],
        }
    )
    assert draft == ContactDraft(
        name="Ada",
        phones=(Phone("+44 20 7946 0000"),),
        emails=(Email("ada@example.com"),),
        address=Address(city="London"),
        birthday="1815-12-10",
        tags=("Math", "vip"),
    )


def test_every_bad_field_is_named():
    data = {
        "name": "",
        "phones": [
            {"number": "+44 20 7946 0000"},
            {"number": "0"},
            {"label": "x" * 41, "number": "+14155552671"},
        ],
        "emails": [{"address": "a@"}],
        "tags": ["ok", ""],
        "notes": "n" * 10_001,
        "address": {"postal_code": "1" * 21, "planet": "Mars"},
    }
    assert sorted(fields_of(data)) == sorted(
        [
            "name",
            "phones.1.number",
            "phones.2.label",
            "emails.0.address",
            "tags.1",
            "notes",
            "address.postal_code",
            "address.planet",
        ]
    )


def test_types_are_checked():
    assert fields_of({"name": 5}) == ["name"]
    assert fields_of({"name": "A", "phones": "+44"}) == ["phones"]
    assert fields_of({"name": "A", "tags": [1]}) == ["tags.0"]


def test_not_an_object_is_a_bad_request():
    with pytest.raises(BadRequest):
        parse_contact(["name"])  # type: ignore[arg-type]

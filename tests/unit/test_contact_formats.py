"""CSV and vCard mapping (pure): any valid contact survives export then import."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.contacts.csv_format import rows_from_csv, to_csv
from core.contacts.models import Address, Contact, ContactDraft, Email, Phone
from core.contacts.validation import parse_contact
from core.contacts.vcard_format import rows_from_vcard, to_vcard
from core.errors import BadRequest, ValidationFailed
from core.text import NAME_PATTERN, PARAGRAPHS_PATTERN

NOW = datetime(2026, 11, 21, tzinfo=UTC)
text = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda t: re.fullmatch(NAME_PATTERN, t) is not None)
)
optional = st.none() | text
label = st.none() | text.filter(
    lambda t: "," not in t and t.lower() not in {"voice", "pref", "internet", "x400"}
)
phones = st.sampled_from(
    ["+44 20 7946 0000", "+1 202 555 0100", "+33 1 23 45 67 89", "+4915112345678"]
)
emails = st.sampled_from(["ada@example.com", "g.hopper@navy.mil", "x+y@sub.example.org"])
drafts = st.builds(
    ContactDraft,
    name=text,
    phones=st.lists(st.builds(Phone, phones, label), max_size=3).map(tuple),
    emails=st.lists(st.builds(Email, emails, label), max_size=3).map(tuple),
    company=optional,
    title=optional,
    address=st.builds(Address, street=optional, city=optional, region=optional, country=optional),
    birthday=st.none()
    | st.dates().map(lambda d: d.isoformat())
    | st.sampled_from(["--02-29", "--12-31"]),
    notes=st.none()
    | st.text(max_size=80)
    .map(str.strip)
    .filter(lambda t: bool(t) and re.fullmatch(PARAGRAPHS_PATTERN, t) is not None),
    tags=st.lists(
        text.filter(lambda t: ";" not in t and "," not in t), max_size=4, unique_by=str.casefold
    ).map(tuple),
)


def contact(n: int, draft: ContactDraft) -> Contact:
    return Contact(
        id=f"ct_{n}",
        book_id="bk_1",
        version=1,
        created_at=NOW,
        updated_at=NOW,
        created_by="usr_a",
        updated_by="usr_a",
        **draft.__dict__,
    )


def round_trip(drafts_in, export, read):
    contacts = [contact(n, d) for n, d in enumerate(drafts_in)]
    rows = list(read(export(contacts)))
    assert [row.source_id for row in rows] == [c.id for c in contacts]
    return [parse_contact(row.data) for row in rows]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(drafts, min_size=1, max_size=3))
def test_csv_round_trip(drafts_in):
    assert round_trip(drafts_in, to_csv, rows_from_csv) == [
        parse_contact(_json(d)) for d in drafts_in
    ]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(drafts, min_size=1, max_size=3))
def test_vcard_round_trip(drafts_in):
    assert round_trip(drafts_in, to_vcard, rows_from_vcard) == [
        parse_contact(_json(d)) for d in drafts_in
    ]


def _json(draft: ContactDraft) -> dict:
    from core.contacts.models import draft_to_dict

    return draft_to_dict(draft)


def test_vcard_is_version_4_with_rfc6350_dates():
    ada = contact(1, ContactDraft(name="Ada Lovelace", birthday="--12-10", tags=("a,b",)))
    card = to_vcard([ada])
    assert "VERSION:4.0" in card
    assert "BDAY:--1210" in card
    assert "UID:ct_1" in card
    assert "CATEGORIES:a\\,b" in card


def test_csv_header_and_numbers():
    ada = contact(1, ContactDraft(name="Ada", phones=(Phone("+44 20 7946 0000"),) * 2))
    header = to_csv([ada]).splitlines()[0].split(",")
    assert header[:2] == ["id", "name"]
    assert "phone_2_label" in header
    assert "email_1" in header
    rows = list(rows_from_csv("Name,Email_1\r\nA,a@example.com\r\n,\r\n"))
    assert [(r.number, r.is_blank) for r in rows] == [(2, False), (3, True)]


vcard_like = st.lists(
    st.sampled_from(
        [
            "BEGIN:VCARD",
            "END:VCARD",
            "VERSION:4.0",
            "FN:Ada",
            "TEL;TYPE=a:+1",
            "ADR:;;x",
            "BDAY:x",
            "CATEGORIES:a,b",
            "ORG:",
            "EMAIL:x",
            "BEGIN:VCALENDAR",
            "N:a;b",
            ":",
            'X;Y="":z',
        ]
    )
    | st.text(max_size=20),
    max_size=12,
).map("\r\n".join)


@settings(max_examples=300)
@given(vcard_like | st.text(max_size=200))
def test_any_text_is_read_or_refused_as_a_bad_request(text):
    for read in (rows_from_vcard, rows_from_csv):
        try:
            rows = list(read(text))
        except BadRequest:
            continue
        for row in rows:
            try:
                parse_contact(row.data)
            except (ValidationFailed, BadRequest):
                pass

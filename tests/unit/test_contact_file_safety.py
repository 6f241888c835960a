"""Hostile import and export files: formula cells, oversized fields, nested vCards."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.contacts.csv_format import escape_cell, rows_from_csv, to_csv, unescape_cell
from core.contacts.models import Contact, ContactDraft, Phone
from core.contacts.vcard_format import MAX_NESTING, rows_from_vcard
from core.errors import BadRequest

NOW = datetime(2026, 11, 21, tzinfo=UTC)
FORMULAS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "'=x"]


def contact(**fields: object) -> Contact:
    draft = ContactDraft(**{"name": "Ada", **fields})  # type: ignore[arg-type]
    return Contact(
        id="ct_1", book_id="bk_1", version=1, created_at=NOW, updated_at=NOW,
        created_by="usr_a", updated_by="usr_a", **draft.__dict__,
    )  # fmt: skip


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_exported_cell_starts_like_a_formula():
    exported = to_csv(
        [contact(name=FORMULAS[0], company=FORMULAS[1], notes=FORMULAS[2], title=FORMULAS[3],
                 tags=("=a", "b"), phones=(Phone("+44 20 7946 0000", "@home"),))]
    )  # fmt: skip
    for cell in cells(exported):
        assert not cell or cell[0] not in "=+-@\t\r", cell
    assert "'=HYPERLINK" in exported


def test_export_then_import_gives_back_the_formula_like_values():
    original = contact(name=FORMULAS[0], company=FORMULAS[1], notes=FORMULAS[4], tags=("=a",))
    [row] = rows_from_csv(to_csv([original]))
    assert (row.data["name"], row.data["company"]) == (FORMULAS[0], FORMULAS[1])
    assert (row.data["notes"], row.data["tags"]) == (FORMULAS[4], ["=a"])


@given(st.text(st.sampled_from("'=+-@\t\rab"), max_size=8))
def test_escaping_is_undone_exactly(value):
    assert unescape_cell(escape_cell(value)) == value
    assert escape_cell(value)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_a_field_over_the_csv_limit_is_a_bad_request_naming_it():
    limit = csv.field_size_limit()
    text = "name,notes\r\nAda," + "x" * (limit + 1) + "\r\n"
    with pytest.raises(BadRequest) as raised:
        list(rows_from_csv(text))
    assert raised.value.code == "invalid_csv"
    assert str(limit) in raised.value.message
    assert "Line 2" in raised.value.message


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 1500])
def test_nested_vcards_are_refused_without_internals(depth):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\n" * depth + "END:VCARD\r\n" * depth
    with pytest.raises(BadRequest) as raised:
        list(rows_from_vcard(text))
    assert raised.value.code == "invalid_vcard"
    assert "recursion" not in raised.value.message
    assert f"deeper than {MAX_NESTING}" in raised.value.message

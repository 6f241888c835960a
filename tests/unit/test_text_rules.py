"""Which characters names and free text may hold (``core.text``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.contacts.validation import parse_contact
from core.errors import ValidationFailed
from core.text import NAME_PATTERN, check_line, check_name, check_paragraphs

BAD_NAMES = ["\x00", "Ada\x00", "a\x07b", "\u202eAda", "Ada\u2066", "\u200b\u200b", "\u2060",
             "\ufeff", "\u3164", "a\nb", "\u00a0\u200d"]  # fmt: skip


@pytest.mark.parametrize("name", BAD_NAMES)
def test_contact_names_must_be_visible_plain_text(name):
    with pytest.raises(ValidationFailed) as raised:
        parse_contact({"name": name})
    assert [p.field for p in raised.value.details] == ["name"]


@pytest.mark.parametrize("name", ["Ada", "Émile Zola", "李小龙", "محمد", "a\u200bb", "🙂"])
def test_real_names_pass(name):
    assert parse_contact({"name": name}).name == name


def test_notes_may_break_lines_but_not_hold_controls():
    assert check_paragraphs("one\ntwo\r\n\tthree") == "one\ntwo\r\n\tthree"
    for bad in ("a\x00", "\u202e", "a\x1b[31m"):
        with pytest.raises(ValueError, match="control"):
            check_paragraphs(bad)
    with pytest.raises(ValueError, match="line breaks"):
        check_line("a\nb")


@given(st.text(max_size=12))
def test_the_documented_pattern_is_the_rule(text):
    """The OpenAPI ``pattern`` and the server agree on every string."""
    try:
        check_name(text)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted == (re.fullmatch(NAME_PATTERN, text) is not None)

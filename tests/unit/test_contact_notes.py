from __future__ import annotations

from core.contacts.validation import parse_contact


def test_line_breaks_in_notes_are_stored_as_newlines():
    draft = parse_contact({"name": "Ada", "notes": "one\r\ntwo\rthree\nfour"})
    assert draft.notes == "one\ntwo\nthree\nfour"

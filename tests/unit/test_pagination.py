"""Signed cursors: they round-trip, and anything forged, tampered with or replayed for another
caller or query is a ``BadRequest`` (never another exception, never a position)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import BadRequest
from core.pagination import CursorCodec, Page, binding_of

SECRET = b"s" * 32
codec = CursorCodec(SECRET)
positions = st.dictionaries(
    st.sampled_from(["contact_id", "term", "book_id"]), st.text(min_size=1, max_size=40), max_size=3
)
bindings = st.tuples(st.text(max_size=20), st.one_of(st.none(), st.text(max_size=20))).map(
    lambda parts: binding_of(*parts)
)


@given(positions, bindings)
def test_round_trip(position, binding):
    assert codec.decode(codec.encode(position, binding), binding) == position


@given(positions, bindings, bindings)
def test_a_cursor_only_works_for_its_binding(position, binding, other):
    cursor = codec.encode(position, binding)
    if other != binding:
        with pytest.raises(BadRequest):
            codec.decode(cursor, other)


@given(positions, bindings, st.data())
def test_tampered_cursors_are_rejected(position, binding, data):
    cursor = codec.encode(position, binding)
    index = data.draw(st.integers(0, len(cursor) - 1))
    replacement = data.draw(st.characters(codec="ascii").filter(lambda c: c != cursor[index]))
    tampered = cursor[:index] + replacement + cursor[index + 1 :]
    with pytest.raises(BadRequest) as raised:
        codec.decode(tampered, binding)
    assert raised.value.code == "invalid_cursor"


@given(st.text(max_size=300), bindings)
def test_arbitrary_text_is_a_bad_request(text, binding):
    with pytest.raises(BadRequest):
        codec.decode(text, binding)


@given(positions, bindings)
def test_another_secret_cannot_forge(position, binding):
    forged = CursorCodec(b"t" * 32).encode(position, binding)
    with pytest.raises(BadRequest):
        codec.decode(forged, binding)


def test_page_end():
    assert codec.encode_page_end(Page([1], None), "b") is None
    cursor = codec.encode_page_end(Page([1], {"contact_id": "ct_1"}), "b")
    assert cursor is not None
    assert codec.decode(cursor, "b") == {"contact_id": "ct_1"}


def test_bindings_distinguish_none_from_empty():
    assert binding_of("u", None) != binding_of("u", "")
    assert binding_of("u", "a,b") != binding_of("u,a", "b")

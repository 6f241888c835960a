"""The one JSON parser of REST bodies and WebSocket frames: bounded depth, clear errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.adapters.parsing import MAX_JSON_DEPTH, parse_json
from core.errors import BadRequest

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=20,
)


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 100_000])
def test_deeper_than_the_limit_is_a_bad_request(depth):
    for text in (nested(depth), "[" * depth + "]" * depth, ("[" * depth).encode()):
        with pytest.raises(BadRequest) as raised:
            parse_json(text)
        assert raised.value.code == "json_too_deep"
        assert str(MAX_JSON_DEPTH) in raised.value.message


def test_the_limit_itself_parses():
    assert parse_json(nested(MAX_JSON_DEPTH)) == json.loads(nested(MAX_JSON_DEPTH))


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"name": "[" * 5000, "escaped": '\\"[{' * 100, "ok": [[1]]})
    assert parse_json(text) == json.loads(text)
    assert parse_json(text.encode("utf-16")) == json.loads(text)


@pytest.mark.parametrize("text", ["{", '{"a": "unterminated', b"\xff\xfe\xfd", "[1,]"])
def test_malformed_input_is_invalid_json(text):
    with pytest.raises(BadRequest) as raised:
        parse_json(text)
    assert raised.value.code == "invalid_json"


@given(JSON_VALUES)
def test_any_shallow_json_parses_as_json_loads_does(value):
    text = json.dumps(value)
    assert parse_json(text) == json.loads(text)

"""``ETag`` and ``If-Match`` parsing (strong comparison: weak or malformed tags match nothing)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import BadRequest
from functions.api.versioning import etag, expected_versions


def test_if_match_values():
    assert expected_versions({}) is None
    assert expected_versions({"if-match": "*"}) is None
    assert expected_versions({"if-match": '"3"'}) == {3}
    assert expected_versions({"if-match": '"3", "5"'}) == {3, 5}
    assert expected_versions({"if-match": 'W/"3"'}) == frozenset()
    assert expected_versions({"if-match": '"-1"'}) == frozenset()
    assert expected_versions({"if-match": '"abc"'}) == frozenset()


@pytest.mark.parametrize("value", ["", " ", "3", '"²"', '"3', '"3",', "W/3"])
def test_a_value_that_is_no_entity_tag_list_is_a_400(value):
    with pytest.raises(BadRequest) as raised:
        expected_versions({"if-match": value})
    assert raised.value.code == "invalid_if_match"


@given(st.integers(min_value=1, max_value=10**12))
def test_an_etag_matches_its_own_version(version):
    assert expected_versions({"if-match": etag(version)["ETag"]}) == {version}


@given(st.text(max_size=40))
def test_any_header_parses_or_is_a_400(value):
    try:
        versions = expected_versions({"if-match": value})
    except BadRequest:
        return
    assert versions is None or all(v >= 0 for v in versions)

"""``ETag`` and ``If-Match`` parsing (strong comparison: weak or malformed tags match nothing)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from functions.api.versioning import etag, expected_versions


def test_if_match_values():
    assert expected_versions({}) is None
    assert expected_versions({"if-match": "*"}) is None
    assert expected_versions({"if-match": '"3"'}) == {3}
    assert expected_versions({"if-match": '"3", "5"'}) == {3, 5}
    assert expected_versions({"if-match": 'W/"3"'}) == frozenset()
    assert expected_versions({"if-match": "3"}) == frozenset()
    assert expected_versions({"if-match": '"²"'}) == frozenset()
    assert expected_versions({"if-match": '"-1"'}) == frozenset()


@given(st.integers(min_value=1, max_value=10**12))
def test_an_etag_matches_its_own_version(version):
    assert expected_versions({"if-match": etag(version)["ETag"]}) == {version}


@given(st.text(max_size=40))
def test_any_header_parses(value):
    versions = expected_versions({"if-match": value})
    assert versions is None or all(v >= 0 for v in versions)

"""Walking a term index's hits: pages in hit order, the next page's position, records that
are missing or not kept are skipped, and the work of one page is bounded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.term_search import MAX_HITS_PER_PAGE, collect


def page(hits, records, limit, keep=lambda record, hit: True):
    return collect(iter(hits), lambda hit: hit.split("#")[1], records.get_many, keep, limit)


class Records:
    def __init__(self, ids):
        self.ids, self.fetches = set(ids), 0

    def get_many(self, ids):
        self.fetches += 1
        return {i: f"record {i}" for i in ids if i in self.ids}


@given(st.lists(st.integers(0, 200), unique=True, max_size=120), st.integers(1, 30))
def test_every_kept_record_once_in_order_page_by_page(numbers, limit):
    hits = [f"w{n:03d}#u{n}" for n in sorted(numbers)]
    records = Records(f"u{n}" for n in numbers if n % 3)  # some hits point at nothing
    seen, start = [], 0
    while True:
        found, last = page(hits[start:], records, limit)
        assert len(found) <= limit
        seen += [hit for _, hit in found]
        if last is None:
            break
        start = hits.index(last) + 1
    assert seen == [h for h in hits if int(h.split("#u")[1]) % 3]


def test_a_page_stops_after_a_bounded_number_of_hits():
    hits = [f"w{n:05d}#u{n}" for n in range(3 * MAX_HITS_PER_PAGE)]
    found, last = page(hits, Records(["u1"]), 10, keep=lambda record, hit: False)
    assert found == []
    assert last == hits[MAX_HITS_PER_PAGE - 1]

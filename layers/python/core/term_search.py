"""Walking a term index's hits a page at a time (pure but for the two callbacks): the
records the hits point at are fetched a chunk at a time, kept or not, until a page is full
or the work bound is reached, so a sparse search answers a short page and a position."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import islice
from typing import TypeVar

H = TypeVar("H")
T = TypeVar("T")

CHUNK = 50
MAX_HITS_PER_PAGE = 1000
"""Bounds the work of one request."""


def collect(
    hits: Iterator[H],
    owner_of: Callable[[H], str],
    fetch: Callable[[list[str]], Mapping[str, T]],
    keep: Callable[[T, H], bool],
    limit: int,
) -> tuple[list[tuple[T, H]], H | None]:
    """Up to ``limit`` records (with the hit each was kept at) in hit order, and the last hit
    looked at if the page ended before the hits did (where the next page starts after)."""
    found: list[tuple[T, H]] = []
    seen = 0
    while chunk := list(islice(hits, CHUNK)):
        records = fetch([owner_of(hit) for hit in chunk])
        for hit in chunk:
            seen += 1
            record = records.get(owner_of(hit))
            if record is not None and keep(record, hit):
                found.append((record, hit))
            if len(found) == limit or seen >= MAX_HITS_PER_PAGE:
                return found, hit
    return found, None

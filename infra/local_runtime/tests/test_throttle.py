from __future__ import annotations

from infra.local_runtime.throttle import FrameLimit, TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_allows_the_burst_then_the_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=2, burst=3, clock=clock)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    clock.now += 0.5  # one token back
    assert [bucket.take() for _ in range(2)] == [True, False]
    clock.now += 100  # never more than the burst saved up
    assert sum(bucket.take() for _ in range(10)) == 3


def test_rate_zero_is_no_throttling() -> None:
    bucket = TokenBucket(rate=0, burst=0)
    assert all(bucket.take() for _ in range(1000))


def test_a_connection_floods_after_refusals_in_a_row() -> None:
    clock = Clock()
    frames = FrameLimit(TokenBucket(rate=1, burst=1, clock=clock), flood_frames=3)
    assert frames.admit()
    assert [frames.admit() for _ in range(2)] == [False, False]
    assert not frames.flooding
    clock.now += 1
    assert frames.admit()  # an admitted frame ends the run of refusals
    assert [frames.admit() for _ in range(3)] == [False, False, False]
    assert frames.flooding

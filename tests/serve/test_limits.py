"""Token buckets: a burst at once, then the refill rate; each client has its own bucket."""

from __future__ import annotations

from spinscope.serve.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_requests_wait_for_the_refill() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == 1.0  # one token a second
    clock.now = 1.0
    assert limiter.take("a") == 0.0


def test_clients_do_not_share_a_bucket() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, clock=Clock())
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0.0


def test_an_idle_bucket_refills_only_up_to_the_burst() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    limiter.take("a")
    clock.now = 3600.0
    assert [limiter.take("a") for _ in range(3)][2] > 0


def test_memory_is_bounded_by_forgetting_the_least_recent_clients() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, max_clients=2, clock=Clock())
    for client in ("a", "b", "c"):
        limiter.take(client)
    assert limiter.take("a") == 0.0  # "a" was forgotten, so it starts with a full bucket

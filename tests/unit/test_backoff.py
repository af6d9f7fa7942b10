"""The reconnect wait: exponential from 1 s to a 5-minute cap, full jitter, reset on success."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from denialwatch.service.backoff import BASE_SECONDS, CAP_SECONDS, Backoff

failures = st.integers(min_value=0, max_value=10_000)
draws = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)


def after(n: int) -> Backoff:
    backoff = Backoff()
    for _ in range(n):
        backoff = backoff.failed()
    return backoff


@given(failures, draws)
def test_the_wait_stays_between_zero_and_the_cap(n: int, draw: float) -> None:
    delay = after(min(n, 200)).delay(draw)
    assert 0.0 <= delay <= CAP_SECONDS


@given(st.integers(min_value=1, max_value=200))
def test_the_ceiling_doubles_from_one_second_until_the_cap(n: int) -> None:
    ceiling = after(n).ceiling()
    assert ceiling == min(CAP_SECONDS, BASE_SECONDS * 2 ** (n - 1))
    assert after(n + 1).ceiling() >= ceiling
    if ceiling < CAP_SECONDS / 2:
        assert after(n + 1).ceiling() == 2 * ceiling


@given(st.integers(min_value=1, max_value=200), draws)
def test_full_jitter_spreads_the_wait_over_the_whole_range(n: int, draw: float) -> None:
    backoff = after(n)
    assert backoff.delay(draw) == draw * backoff.ceiling()
    assert backoff.delay(0.0) == 0.0
    assert backoff.delay(0.999999) <= backoff.ceiling()


@given(failures, draws)
def test_a_success_resets_the_wait(n: int, draw: float) -> None:
    reset = Backoff(failures=n).succeeded()
    assert reset.failures == 0
    assert reset.delay(draw) == 0.0
    assert reset.failed().ceiling() == BASE_SECONDS


def test_huge_failure_counts_do_not_overflow() -> None:
    assert Backoff(failures=10**9).ceiling() == CAP_SECONDS

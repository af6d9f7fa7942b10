"""Deadline arithmetic: days, calendar months with month ends, real hours, the roll."""

from __future__ import annotations

import calendar as month_calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.deadlines.arithmetic import (
    Roll,
    Unit,
    add_calendar_days,
    add_calendar_months,
    add_hours,
    apply_roll,
    last_day_of_month,
    period_end,
)
from denialwatch.domain.deadlines.calendar import MAX_ROLL_DAYS, is_business_day

LA = ZoneInfo("America/Los_Angeles")

days = st.dates(min_value=date(1901, 1, 1), max_value=date(2399, 12, 31))


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


def test_six_months_from_every_day_of_every_month_never_skips_or_passes_the_month_end() -> None:
    by_month: dict[tuple[int, int], list[date]] = {}
    previous: date | None = None
    for day in every_day(date(2023, 1, 1), date(2032, 12, 31)):
        end = add_calendar_months(day, 6)
        target_year, target_month = divmod(day.year * 12 + day.month - 1 + 6, 12)
        assert (end.year, end.month) == (target_year, target_month + 1)
        last = month_calendar.monthrange(end.year, end.month)[1]
        assert end.day == min(day.day, last)
        assert 181 <= (end - day).days <= 184
        if previous is not None:
            assert end >= add_calendar_months(previous, 6)
        previous = day
        by_month.setdefault((day.year, day.month), []).append(end)
    for ends in by_month.values():
        reached = sorted({e.day for e in ends})
        assert reached == list(range(1, reached[-1] + 1))  # no day of the target skipped
        last = month_calendar.monthrange(ends[0].year, ends[0].month)[1]
        assert reached[-1] == min(last, len(ends))  # the target month's end is reached


@given(days, st.integers(min_value=-240, max_value=240))
def test_months_keep_the_day_or_clamp_to_the_month_end(day: date, months: int) -> None:
    end = add_calendar_months(day, months)
    assert end.day == min(day.day, last_day_of_month(end.year, end.month))
    assert (end.year * 12 + end.month) - (day.year * 12 + day.month) == months
    if day.day <= 28:
        assert add_calendar_months(end, -months) == day


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # experimental denial: file-by, unrolled
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap February
        (date(2027, 8, 29), 6, date(2028, 2, 29)),
        (date(2027, 8, 30), 6, date(2028, 2, 29)),
        (date(2028, 2, 29), 6, date(2028, 8, 29)),  # from a leap day: the same day number
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
        (date(2026, 4, 17), 6, date(2026, 10, 17)),  # grievance decision: file-by, unrolled
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2099, 8, 31), 6, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2399, 8, 31), 6, date(2400, 2, 29)),  # 2400 is
        (date(2026, 9, 30), 6, date(2027, 3, 30)),  # not the end of March: the same day
    ],
)
def test_month_table(start: date, months: int, expected: date) -> None:
    assert add_calendar_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        # Civ. Code 10 / CCP 12: exclude the first day, include the last.
        (date(2026, 3, 11), 180, Unit.CALENDAR_DAYS, date(2026, 9, 7)),
        (date(2026, 3, 20), 30, Unit.CALENDAR_DAYS, date(2026, 4, 19)),
        (date(2026, 3, 11), 60, Unit.CALENDAR_DAYS, date(2026, 5, 10)),
        (date(2026, 12, 31), 1, Unit.CALENDAR_DAYS, date(2027, 1, 1)),
        (date(2026, 3, 20), 0, Unit.CALENDAR_DAYS, date(2026, 3, 20)),
        (date(2026, 11, 20), 5, Unit.BUSINESS_DAYS, date(2026, 12, 1)),
        (date(2026, 4, 17), 6, Unit.CALENDAR_MONTHS, date(2026, 10, 17)),
    ],
)
def test_periods_exclude_the_first_day_and_include_the_last(
    start: date, amount: int, unit: Unit, expected: date
) -> None:
    assert period_end(start, amount, unit) == expected


def test_periods_in_hours_or_negative_are_refused() -> None:
    with pytest.raises(ValueError, match="add_hours"):
        period_end(date(2026, 3, 20), 72, Unit.HOURS)
    with pytest.raises(ValueError, match="negative"):
        period_end(date(2026, 3, 20), -1, Unit.CALENDAR_DAYS)


@given(days, st.integers(min_value=0, max_value=1000))
def test_calendar_days_are_plain_days(day: date, n: int) -> None:
    assert (add_calendar_days(day, n) - day).days == n


moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2060, 12, 31),
    timezones=st.just(LA),
    allow_imaginary=False,
)


@given(moments, st.integers(min_value=-5000, max_value=5000))
def test_hours_are_real_elapsed_hours_across_dst(moment: datetime, hours: int) -> None:
    later = add_hours(moment, hours)
    assert later.tzinfo is LA
    assert later.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=hours)
    assert add_hours(later, -hours).astimezone(UTC) == moment.astimezone(UTC)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # Spring forward (2026-03-08 02:00 PST -> 03:00 PDT): 72 h end an hour later by the clock.
        (datetime(2026, 3, 7, 0, 0, tzinfo=LA), 72, datetime(2026, 3, 10, 1, 0, tzinfo=LA)),
        (datetime(2026, 3, 8, 0, 0, tzinfo=LA), 24, datetime(2026, 3, 9, 1, 0, tzinfo=LA)),
        # Fall back (2026-11-01 02:00 PDT -> 01:00 PST): 72 h end an hour earlier, the day before.
        (datetime(2026, 10, 31, 0, 0, tzinfo=LA), 72, datetime(2026, 11, 2, 23, 0, tzinfo=LA)),
        (datetime(2026, 6, 1, 9, 30, tzinfo=LA), 72, datetime(2026, 6, 4, 9, 30, tzinfo=LA)),
    ],
)
def test_hour_table(start: datetime, hours: int, expected: datetime) -> None:
    later = add_hours(start, hours)
    assert later.astimezone(UTC) == expected.astimezone(UTC)
    assert later.replace(tzinfo=None) == expected.replace(tzinfo=None)


def test_wall_clock_addition_is_not_what_add_hours_does() -> None:
    """Aware ``datetime + timedelta`` adds to the wall clock; across DST that is 71 or 73
    real hours. This is why ``add_hours`` goes through UTC."""
    start = datetime(2026, 10, 31, 0, 0, tzinfo=LA)
    wall = start + timedelta(hours=72)
    assert wall.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=73)
    assert add_hours(start, 72) != wall


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        add_hours(datetime(2026, 3, 7, 0, 0), 72)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31)))
def test_the_roll_is_a_business_day_never_earlier_and_at_most_a_few_days_later(day: date) -> None:
    rolled = apply_roll(day, Roll.NEXT_BUSINESS_DAY)
    assert is_business_day(rolled)
    assert day <= rolled <= day + timedelta(days=MAX_ROLL_DAYS)
    assert apply_roll(day, Roll.NONE) == day


def test_roll_only_where_the_rule_says() -> None:
    labor_day = date(2026, 9, 7)
    assert apply_roll(labor_day, Roll.NONE) == labor_day
    assert apply_roll(labor_day, Roll.NEXT_BUSINESS_DAY) == date(2026, 9, 8)

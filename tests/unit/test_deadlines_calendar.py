"""California's calendar: state holidays as the state lists them, business days, rolls.

The expected dates are written out by hand from the rules in Gov. Code 6700-6701 (with
Civ. Code 7: every Sunday plus the 6700 days are holidays), CCP 135 for the courts, and
CalHR's "State Holidays" page for the days state offices close. Each 6700 day is marked
CLOSED (state offices close: not a business day) or OPEN (a holiday in law, but the offices
work: a business day, see ``calendar``'s docstring for why), or WEEKEND.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.deadlines.calendar import (
    MAX_ROLL_DAYS,
    add_business_days,
    closures,
    is_business_day,
    roll_forward,
)

CLOSED = "closed"
OPEN = "open"
WEEKEND = "weekend"

# (rule in Gov. Code 6700 or elsewhere, day it falls on, status)
STATE_LIST: dict[int, list[tuple[str, date, str]]] = {
    2025: [
        ("Jan 1", date(2025, 1, 1), CLOSED),
        ("third Monday in January (King)", date(2025, 1, 20), CLOSED),
        ("Lunar New Year (second new moon after the solstice)", date(2025, 1, 29), OPEN),
        ("Feb 12, Lincoln Day", date(2025, 2, 12), OPEN),
        ("third Monday in February", date(2025, 2, 17), CLOSED),
        ("Mar 31, Cesar Chavez Day", date(2025, 3, 31), CLOSED),
        ("Apr 24, Genocide Remembrance Day", date(2025, 4, 24), OPEN),
        ("last Monday in May", date(2025, 5, 26), CLOSED),
        ("Jun 19, Juneteenth", date(2025, 6, 19), OPEN),
        ("Jul 4", date(2025, 7, 4), CLOSED),
        ("first Monday in September", date(2025, 9, 1), CLOSED),
        ("Sep 9, Admission Day", date(2025, 9, 9), OPEN),
        ("fourth Friday in September, Native American Day", date(2025, 9, 26), OPEN),
        ("second Monday in October, Columbus Day", date(2025, 10, 13), OPEN),
        ("Nov 11, Veterans Day", date(2025, 11, 11), CLOSED),
        ("Thanksgiving (fourth Thursday in November)", date(2025, 11, 27), CLOSED),
        ("the day after Thanksgiving (CCP 135; Gov. Code 19853)", date(2025, 11, 28), CLOSED),
        ("Dec 25", date(2025, 12, 25), CLOSED),
    ],
    2026: [
        ("Jan 1", date(2026, 1, 1), CLOSED),
        ("third Monday in January (King)", date(2026, 1, 19), CLOSED),
        ("Feb 12, Lincoln Day", date(2026, 2, 12), OPEN),
        ("third Monday in February", date(2026, 2, 16), CLOSED),
        ("Lunar New Year", date(2026, 2, 17), OPEN),
        ("Mar 31, Cesar Chavez Day", date(2026, 3, 31), CLOSED),
        ("Apr 24, Genocide Remembrance Day", date(2026, 4, 24), OPEN),
        ("last Monday in May", date(2026, 5, 25), CLOSED),
        ("Jun 19, Juneteenth", date(2026, 6, 19), OPEN),
        ("Jul 4 (a Saturday: no weekday closed)", date(2026, 7, 4), WEEKEND),
        ("first Monday in September", date(2026, 9, 7), CLOSED),
        ("Sep 9, Admission Day", date(2026, 9, 9), OPEN),
        ("fourth Friday in September, Native American Day", date(2026, 9, 25), OPEN),
        ("second Monday in October, Columbus Day", date(2026, 10, 12), OPEN),
        ("Diwali (AB 268, from 2026)", date(2026, 11, 8), WEEKEND),
        ("Nov 11, Veterans Day", date(2026, 11, 11), CLOSED),
        ("Thanksgiving", date(2026, 11, 26), CLOSED),
        ("the day after Thanksgiving", date(2026, 11, 27), CLOSED),
        ("Dec 25", date(2026, 12, 25), CLOSED),
    ],
    2027: [
        ("Jan 1", date(2027, 1, 1), CLOSED),
        ("third Monday in January (King)", date(2027, 1, 18), CLOSED),
        ("Lunar New Year (a Saturday)", date(2027, 2, 6), WEEKEND),
        ("Feb 12, Lincoln Day", date(2027, 2, 12), OPEN),
        ("third Monday in February", date(2027, 2, 15), CLOSED),
        ("Mar 31, Cesar Chavez Day", date(2027, 3, 31), CLOSED),
        ("Apr 24, Genocide Remembrance Day (a Saturday)", date(2027, 4, 24), WEEKEND),
        ("last Monday in May", date(2027, 5, 31), CLOSED),
        ("Jun 19, Juneteenth (a Saturday)", date(2027, 6, 19), WEEKEND),
        ("Jul 4 (a Sunday)", date(2027, 7, 4), WEEKEND),
        ("Jul 4 observed on the Monday after (Gov. Code 6701)", date(2027, 7, 5), CLOSED),
        ("first Monday in September", date(2027, 9, 6), CLOSED),
        ("Sep 9, Admission Day", date(2027, 9, 9), OPEN),
        ("fourth Friday in September, Native American Day", date(2027, 9, 24), OPEN),
        ("second Monday in October, Columbus Day", date(2027, 10, 11), OPEN),
        ("Diwali", date(2027, 10, 29), OPEN),
        ("Nov 11, Veterans Day", date(2027, 11, 11), CLOSED),
        ("Thanksgiving", date(2027, 11, 25), CLOSED),
        ("the day after Thanksgiving", date(2027, 11, 26), CLOSED),
        ("Dec 25 (a Saturday: the Friday stays open)", date(2027, 12, 25), WEEKEND),
    ],
}

ROWS = [(year, *row) for year, rows in STATE_LIST.items() for row in rows]


@pytest.mark.parametrize(("year", "rule", "day", "status"), ROWS)
def test_each_state_holiday_is_closed_or_open_as_listed(
    year: int, rule: str, day: date, status: str
) -> None:
    assert day.year == year
    if status == WEEKEND:
        assert day.weekday() >= 5, rule
        assert not is_business_day(day)
    else:
        assert day.weekday() < 5, rule
        assert is_business_day(day) is (status == OPEN), rule


@pytest.mark.parametrize("year", sorted(STATE_LIST))
def test_no_weekday_is_closed_but_the_listed_ones(year: int) -> None:
    listed = {day for _, day, status in STATE_LIST[year] if status == CLOSED}
    day = date(year, 1, 1)
    closed = set()
    while day.year == year:
        if day.weekday() < 5 and not is_business_day(day):
            closed.add(day)
        day += timedelta(days=1)
    assert closed == listed
    assert set(closures(year)) == listed
    assert len(listed) in (10, 11)  # 11 a year, less the one that falls on a Saturday


def test_the_state_offices_own_2026_list() -> None:
    """CalHR's 2026 list, as quoted: eleven dates, Independence Day on a Saturday."""
    calhr = {
        date(2026, 1, 1),
        date(2026, 1, 19),
        date(2026, 2, 16),
        date(2026, 3, 31),
        date(2026, 5, 25),
        date(2026, 7, 4),
        date(2026, 9, 7),
        date(2026, 11, 11),
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 12, 25),
    }
    assert {d for d in calhr if d.weekday() < 5} == set(closures(2026))
    assert is_business_day(date(2026, 7, 3))  # CalHR: Saturday holidays give credit, no Friday


def package(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("US", subdiv="CA", years=year, language="en_US"))


@pytest.mark.parametrize(
    ("year", "kept_open"),
    [
        # Juneteenth: a 6700 holiday since 2022, but state offices stay open.
        (2025, {date(2025, 6, 19)}),
        # Juneteenth again; the federal Friday before a Saturday Jul 4.
        (2026, {date(2026, 6, 19), date(2026, 7, 3)}),
        # Federal Fridays before Saturday holidays (Juneteenth, Christmas, New Year 2028),
        # and Diwali (a 6700 holiday from 2026; offices open).
        (2027, {date(2027, 6, 18), date(2027, 10, 29), date(2027, 12, 24), date(2027, 12, 31)}),
    ],
)
def test_what_the_package_lists_and_the_state_offices_work(year: int, kept_open: set[date]) -> None:
    listed = package(year)
    assert {d for d in listed if is_business_day(d)} == kept_open
    assert set(closures(year)) <= set(listed)


def test_the_package_lacks_holidays_in_6700_that_the_state_offices_work() -> None:
    """Lincoln Day, Native American Day, Columbus Day and Admission Day are in 6700 and not
    in the package's California calendar; Susan B. Anthony Day is in the package, not 6700."""
    listed = package(2026)
    for day in (date(2026, 2, 12), date(2026, 9, 25), date(2026, 10, 12), date(2026, 9, 9)):
        assert day not in listed
        assert is_business_day(day)
    assert "Susan B. Anthony Day" in listed.get(date(2026, 2, 15), "")


@pytest.mark.parametrize(
    ("day", "business"),
    [
        (date(2026, 7, 3), True),  # Jul 4 2026 is a Saturday: no Friday closure
        (date(2027, 7, 5), False),  # Jul 4 2027 is a Sunday: the Monday closes
        (date(2023, 11, 10), False),  # Nov 11 2023 is a Saturday: the Friday closes (6701)
        (date(2028, 11, 10), False),  # and again in 2028
        (date(2022, 12, 26), False),  # Christmas 2022 on a Sunday
        (date(2027, 12, 24), True),  # Christmas 2027 on a Saturday
        (date(2027, 12, 31), True),  # New Year 2028 on a Saturday
        (date(2023, 1, 2), False),  # New Year 2023 on a Sunday
        (date(2024, 4, 1), False),  # Cesar Chavez Day 2024 on a Sunday
        (date(2029, 3, 30), True),  # Cesar Chavez Day 2029 on a Saturday
    ],
)
def test_holidays_on_weekends(day: date, business: bool) -> None:
    assert is_business_day(day) is business


FIXED = [(1, 1), (3, 31), (7, 4), (11, 11), (12, 25)]


@given(st.integers(min_value=2000, max_value=2080))
def test_a_sunday_holiday_closes_the_monday_and_a_saturday_one_only_veterans_friday(
    year: int,
) -> None:
    for month, day_of_month in FIXED:
        holiday = date(year, month, day_of_month)
        if holiday.weekday() == 6:
            assert not is_business_day(holiday + timedelta(days=1))
        if holiday.weekday() == 5:
            friday = holiday - timedelta(days=1)
            assert is_business_day(friday) is ((month, day_of_month) != (11, 11))


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2080, 12, 31))


@given(days)
def test_weekends_are_never_business_days(day: date) -> None:
    if day.weekday() >= 5:
        assert not is_business_day(day)


@given(days)
def test_a_rolled_day_is_the_next_business_day_and_never_far(day: date) -> None:
    rolled = roll_forward(day)
    assert is_business_day(rolled)
    assert day <= rolled <= day + timedelta(days=MAX_ROLL_DAYS)
    assert (rolled == day) is is_business_day(day)
    skipped = day
    while skipped < rolled:
        assert not is_business_day(skipped)
        skipped += timedelta(days=1)
    assert roll_forward(rolled) == rolled


@given(days, st.integers(min_value=1, max_value=40))
def test_business_days_land_on_business_days_and_count_right(day: date, n: int) -> None:
    end = add_business_days(day, n)
    assert is_business_day(end)
    assert end > day
    counted = sum(is_business_day(day + timedelta(days=k)) for k in range(1, (end - day).days + 1))
    assert counted == n
    assert add_business_days(day, n + 1) > end


def test_business_day_table() -> None:
    # Overturned decision received Friday 2026-11-20: Mon 23, Tue 24, Wed 25 (Thanksgiving
    # and the day after closed), Mon 30, Tue Dec 1.
    assert add_business_days(date(2026, 11, 20), 5) == date(2026, 12, 1)
    assert add_business_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # from a Saturday
    assert add_business_days(date(2026, 9, 4), 1) == date(2026, 9, 8)  # over Labor Day
    assert add_business_days(date(2026, 9, 4), 0) == date(2026, 9, 4)
    with pytest.raises(ValueError, match="negative"):
        add_business_days(date(2026, 9, 4), -1)


def test_roll_table() -> None:
    assert roll_forward(date(2026, 9, 7)) == date(2026, 9, 8)  # Labor Day
    assert roll_forward(date(2026, 11, 26)) == date(2026, 11, 30)  # Thanksgiving: 4 days
    assert roll_forward(date(2026, 10, 17)) == date(2026, 10, 19)  # a Saturday
    assert roll_forward(date(2026, 12, 25)) == date(2026, 12, 28)  # Christmas on a Friday
    assert roll_forward(date(2027, 2, 12)) == date(2027, 2, 12)  # Lincoln Day: offices open
    assert roll_forward(date(2026, 10, 19)) == date(2026, 10, 19)

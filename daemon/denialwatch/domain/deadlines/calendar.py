"""California's calendar for deadlines: which days are business days.

A **business day** here is a weekday on which California's state offices (the DMHC among
them) are open: not a Saturday or Sunday, and not one of the state holidays on which those
offices close, as observed:

- New Year's Day (Jan 1), Martin Luther King Jr. Day (third Monday in January), Presidents'
  Day (third Monday in February), Cesar Chavez Day (Mar 31), Memorial Day (last Monday in
  May), Independence Day (Jul 4), Labor Day (first Monday in September), Veterans Day
  (Nov 11), Thanksgiving (fourth Thursday in November) and the day after, Christmas (Dec 25);
- one falling on a **Sunday** is observed the Monday after (Gov. Code 6701; Gov. Code 6700(b)
  is about labour agreements, not weekends);
- one falling on a **Saturday** closes no weekday, except Veterans Day, observed the Friday
  before (Gov. Code 6701). CalHR's "State Holidays" page says the same: "When a holiday falls
  on a Saturday, employees shall receive holiday credit ... When November 11 falls upon a
  Saturday, the preceding Friday is observed" (2026 list, as quoted in third-party research
  retrieved 2026-10-01; not in the research file). The federal calendar and the courts
  (Cal. Rules of Court 1.11) observe Saturday holidays on the Friday before; the state's
  offices do not, so that Friday stays a business day.

Why this set and not Gov. Code 6700's longer list (Civ. Code 7 makes every Sunday and the
6700 days "holidays"): the list also names Lincoln Day (Feb 12), Lunar New Year, Genocide
Remembrance Day (Apr 24), Juneteenth (Jun 19), Admission Day (Sep 9), Native American Day
(fourth Friday in September), Columbus Day (second Monday in October), Diwali (from 2026,
AB 268) and Good Friday 12 noon to 3 p.m. State offices stay open on all of them (state
employees may elect some as paid days off; Gov. Code 19853), and the courts close on some
(CCP 135). Under CCP 12a a period whose last day is a court holiday, a Saturday, or a day
the office is closed (CCP 12b) runs to the next day that is none of those. Every day this
module treats as closed is such a holiday under CCP 12a; the days it treats as open but the
law might not (Lincoln Day, Juneteenth, Native American Day, the Friday before a Saturday
holiday) can only make a rolled deadline **earlier** than the law's, never later. A patient
told one day early loses nothing; one told a day late may lose the review.

Holiday dates come from the ``holidays`` package's California calendar
(``country_holidays("US", subdiv="CA")``), kept by name: the package also lists Susan B.
Anthony Day (Feb 15, a day of observance, not in Gov. Code 6700), Juneteenth and Diwali
(6700 holidays, offices open), and observes Saturday holidays on the Friday before. A holiday
the package renames drops out of the set (a business day, so rolled dates stay early), and
``tests/unit/test_deadlines_calendar.py`` fails against the list written out by hand there.
Days a President or Governor proclaims ad hoc (Gov. Code 6700(a)) are not known here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

import holidays

SATURDAY = 5
SUNDAY = 6

OFFICES_CLOSED = frozenset(
    {
        "New Year's Day",
        "Martin Luther King Jr. Day",
        "Presidents' Day",
        "Cesar Chavez Day",
        "Memorial Day",
        "Independence Day",
        "Labor Day",
        "Veterans Day",
        "Thanksgiving Day",
        "Day After Thanksgiving",
        "Christmas Day",
    }
)
"""The package's names (en_US) for the holidays on which California's state offices close."""

VETERANS_DAY = "Veterans Day"

MAX_ROLL_DAYS = 4
"""The longest a roll can move a day: Thanksgiving Thursday to the Monday after."""


@cache
def closures(year: int) -> Mapping[date, str]:
    """The weekdays of ``year`` on which state offices are closed, each with its holiday."""
    calendar = holidays.country_holidays(
        "US", subdiv="CA", years=year, observed=False, language="en_US"
    )
    closed: dict[date, str] = {}
    for day in sorted(calendar):
        for name in calendar.get_list(day):
            if name not in OFFICES_CLOSED:
                continue
            observed = _observed(day, name)
            if observed is not None:
                closed[observed] = name
    return MappingProxyType(closed)


def _observed(day: date, name: str) -> date | None:
    """The weekday a holiday closes the offices (Gov. Code 6701), or None for none."""
    if day.weekday() == SUNDAY:
        return day + timedelta(days=1)
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1) if name == VETERANS_DAY else None
    return day


def is_business_day(day: date) -> bool:
    """A weekday on which California's state offices are open."""
    return day.weekday() < SATURDAY and day not in closures(day.year)


def roll_forward(day: date) -> date:
    """``day`` if it is a business day, else the next one (CCP 12a)."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, days: int) -> date:
    """The day on which the ``days``-th business day after ``day`` falls.

    ``day`` itself is not counted (CCP 12: exclude the first day), so five working days after
    a decision received on Friday 2026-11-20 end on Tuesday 2026-12-01 (Thanksgiving and the
    day after are closed). ``days`` = 0 gives ``day`` back unchanged.
    """
    if days < 0:
        raise ValueError(f"business days to add must not be negative: {days}")
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day

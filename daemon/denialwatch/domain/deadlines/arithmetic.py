"""Date arithmetic for deadlines: days, months, hours, and the roll off closed days.

Counting (Civ. Code 10, CCP 12): a period "excludes the first day and includes the last", so
a deadline N days after an event on day D is D + N: a grievance filed on 2026-03-20 with 30
days to resolve it ends on 2026-04-19. The same holds for months and business days.

Months (Civ. Code 14: "month" means a calendar month): N months after D is the same day
number N months later; when that month is shorter, the period ends on its **last day**:
6 months from August 31 is February 28 (29 in a leap year), from March 31 it is
September 30. The clamp is the usual reading of a calendar month and the one Python's
``dateutil.relativedelta`` and Java's ``plusMonths`` apply. Other readings exist and are
not used: rolling the overflow into the next month (6 months from August 31 as March 2 or
3) gives a later day, so a patient could miss the deadline; some third-party pages turn
"six months" into 180 days (research file 2.2: "180 days is not the same as six calendar
months"); and a period that starts on the last day of a month is sometimes read to end on
the last day of the target month (6 months from February 28 as August 31, not August 28).
The clamp ends no later than either of the first two; the 180-day count ends one to four
days earlier than six calendar months, and stays a third party's reading (not the statute's).

Hours are real, elapsed hours: 72 hours from 00:00 on the Saturday before the clocks go back
in November end at 23:00 on the Monday (the Sunday has 25 hours), not at midnight. A
timezone-aware moment is converted to UTC, the hours added there, and converted back.

The roll (CCP 12a): a last day that falls on a weekend or a state holiday moves to the next
business day (``calendar.roll_forward``). Each rule says whether it rolls; this module only
applies what it is told.
"""

from __future__ import annotations

import calendar as month_calendar
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from denialwatch.domain.deadlines.calendar import add_business_days, roll_forward


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    BUSINESS_DAYS = "business_days"
    """Weekdays on which California's state offices are open ("working days")."""
    CALENDAR_MONTHS = "calendar_months"
    HOURS = "hours"


class Roll(StrEnum):
    NONE = "none"
    """The last day stands even on a weekend or holiday."""
    NEXT_BUSINESS_DAY = "next_business_day"
    """A last day on a weekend or state holiday moves to the next business day (CCP 12a)."""


def last_day_of_month(year: int, month: int) -> int:
    return month_calendar.monthrange(year, month)[1]


def add_calendar_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def add_calendar_months(day: date, months: int) -> date:
    """The same day number ``months`` later, or the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, last_day_of_month(year, month)))


def add_hours(moment: datetime, hours: int) -> datetime:
    """``hours`` real hours after ``moment``, in ``moment``'s time zone (DST-exact)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("add_hours needs a timezone-aware datetime")
    later = moment.astimezone(UTC) + timedelta(hours=hours)
    return later.astimezone(moment.tzinfo)


def period_end(start: date, amount: int, unit: Unit) -> date:
    """The last day of a period of ``amount`` ``unit`` after ``start`` (first day excluded)."""
    if amount < 0:
        raise ValueError(f"a period cannot be negative: {amount}")
    match unit:
        case Unit.CALENDAR_DAYS:
            return add_calendar_days(start, amount)
        case Unit.BUSINESS_DAYS:
            return add_business_days(start, amount)
        case Unit.CALENDAR_MONTHS:
            return add_calendar_months(start, amount)
        case Unit.HOURS:
            raise ValueError("periods in hours end at an instant: use add_hours")


def apply_roll(day: date, roll: Roll) -> date:
    """``day``, moved off a weekend or state holiday when the rule says so."""
    if roll is Roll.NEXT_BUSINESS_DAY:
        return roll_forward(day)
    return day

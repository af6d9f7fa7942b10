"""Time in the samples: the patients' zone, the timezone-aware guard every builder applies, the
dates Gmail, Outlook and Apple Mail write into a forward, and when a plan printed a letter."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
"""Where the patients live; forwarded-header dates are shown in this zone, as their clients do."""


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("dates must be timezone-aware")
    return moment


def _local(moment: datetime) -> datetime:
    return _require_aware(moment).astimezone(PACIFIC)


def _clock(moment: datetime, *, seconds: bool = False) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment:%M}{moment.strftime(':%S') if seconds else ''} {moment:%p}"


def gmail_date(moment: datetime) -> str:
    """``Wed, Mar 11, 2026 at 4:07 PM``, as Gmail writes it in a forward or reply."""
    local = _local(moment)
    return f"{local:%a}, {local:%b} {local.day}, {local.year} at {_clock(local)}"


def outlook_date(moment: datetime) -> str:
    """``Wednesday, March 11, 2026 4:07 PM``, as Outlook desktop writes it."""
    local = _local(moment)
    return f"{local:%A}, {local:%B} {local.day}, {local.year} {_clock(local)}"


def apple_date(moment: datetime) -> str:
    """``March 11, 2026 at 4:07:12 PM PDT``, as Apple Mail writes it."""
    local = _local(moment)
    return f"{local:%B} {local.day}, {local.year} at {_clock(local, seconds=True)} {local:%Z}"


def _printed(day: date, hour: int = 5, minute: int = 12) -> datetime:
    """When a plan's overnight batch printed a letter dated ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PACIFIC)

"""The only place that reads the wall clock.

Domain code takes ``now`` as an argument; the service loop reads the clock once per pass
through ``utcnow`` and passes the value down, so tests set the time by passing a value.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_date(instant: datetime, zone: tzinfo) -> date:
    """The calendar day ``instant`` falls on in ``zone`` (deadlines count local days)."""
    return instant.astimezone(zone).date()

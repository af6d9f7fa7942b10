"""A case's dates as an iCalendar file (RFC 5545) the patient can add to their calendar.

One all-day VEVENT per date, in a VCALENDAR with ``METHOD:PUBLISH`` (a published calendar,
not an invitation: no organizer, no attendees, nothing to accept). Each event has:

- ``UID`` ``<case>.<kind>@<uid_domain>`` ("DW-00012.imr_file_by@denialwatch.example.org"):
  one per (case, deadline kind), so a later file with a moved date replaces the event in the
  patient's calendar instead of adding a second one;
- ``DTSTAMP`` the ``stamp`` passed in (UTC) and ``SEQUENCE`` counted in minutes from
  ``SEQUENCE_EPOCH`` to it: a newer file always carries a higher sequence, which is what
  calendar apps compare (RFC 5545 3.8.7.4) before replacing an event they already hold;
- ``DTSTART``/``DTEND`` as dates (``VALUE=DATE``; the end is the next day, exclusive), and
  ``TRANSP:TRANSPARENT``: a deadline does not make the patient look busy;
- ``SUMMARY`` in plain words and ``DESCRIPTION`` with what to do and the rule's citation;
- a ``VALARM`` (``ACTION:DISPLAY``) 15 hours before the day starts, which is 9:00 the day
  before in the calendar's own time zone (all-day times are floating).

The same input gives the same bytes: no random UID, no clock read, properties in a fixed
order. The ``icalendar`` package writes the format (folding, escaping, CRLF).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from denialwatch.domain.deadlines.model import Deadline
from denialwatch.mail.compose import OutgoingAttachment

PRODID = "-//denialwatch//case dates//EN"
ALARM_BEFORE_START = timedelta(hours=-15)
"""From midnight starting the day: 9:00 the day before."""
SEQUENCE_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
"""SEQUENCE counts minutes from here to the file's stamp (a 32-bit integer for 4,000 years)."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CalendarDate:
    """One date to put in the patient's calendar."""

    case_number: str
    """The case's public number ("DW-00012")."""
    kind: str
    """What the date is, stable across updates ("imr_file_by"): with the case, the UID."""
    day: date
    summary: str
    """The title, in plain words: "Last day to apply for an Independent Medical Review"."""
    description: str
    """What to do, and the rule's citation."""


def calendar_date(
    case_number: str, deadline: Deadline, *, summary: str, what_to_do: str
) -> CalendarDate:
    """A ``CalendarDate`` for a computed deadline: the description says what to do, then
    what the date is and the rule it comes from."""
    description = f"{what_to_do}\n\n{deadline.description}\nRule: {deadline.citation}"
    return CalendarDate(case_number, deadline.kind.value, deadline.due, summary, description)


def uid_for(item: CalendarDate, uid_domain: str) -> str:
    return f"{_safe(item.case_number)}.{_safe(item.kind)}@{uid_domain}"


def calendar_for(events: Sequence[CalendarDate], *, uid_domain: str, stamp: datetime) -> bytes:
    """The iCalendar file holding ``events``, stamped ``stamp`` (timezone-aware).

    Raises ValueError for a naive ``stamp`` or two dates with the same case and kind (one
    UID may appear once in a published calendar)."""
    if stamp.tzinfo is None:
        raise ValueError("the calendar stamp must be timezone-aware")
    utc_stamp = stamp.astimezone(UTC).replace(microsecond=0)
    sequence = max(0, int((utc_stamp - SEQUENCE_EPOCH).total_seconds()) // 60)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    seen: set[str] = set()
    for item in events:
        uid = uid_for(item, uid_domain)
        if uid in seen:
            raise ValueError(f"two calendar dates for {item.case_number} {item.kind}")
        seen.add(uid)
        calendar.add_component(_event(item, uid, utc_stamp, sequence))
    data: bytes = calendar.to_ical()
    return data


def _event(item: CalendarDate, uid: str, stamp: datetime, sequence: int) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.summary)
    event.add("description", item.description)
    event.add("transp", "TRANSPARENT")
    event.add("class", "PRIVATE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.summary)
    alarm.add("trigger", ALARM_BEFORE_START)
    event.add_component(alarm)
    return event


def ics_attachment(
    events: Sequence[CalendarDate], *, case_number: str, uid_domain: str, stamp: datetime
) -> OutgoingAttachment:
    """The calendar as an email attachment: "DW-00012-dates.ics", text/calendar.

    The MIME part says ``text/calendar`` without ``method=PUBLISH`` (``OutgoingAttachment``
    carries no parameters); the file itself says ``METHOD:PUBLISH``."""
    data = calendar_for(events, uid_domain=uid_domain, stamp=stamp)
    return OutgoingAttachment(
        f"{_safe(case_number)}-dates.ics", "text", "calendar", data, params=(("method", "PUBLISH"),)
    )


def _safe(value: str) -> str:
    return _UNSAFE.sub("-", value).strip("-") or "case"

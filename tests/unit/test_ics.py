"""The case's dates as an iCalendar file: parsed back with icalendar, byte for byte stable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component

from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.notice import Notice
from denialwatch.mail.compose import compose
from denialwatch.mail.ics import CalendarDate, calendar_date, calendar_for, ics_attachment

DOMAIN = "denialwatch.example.org"
STAMP = datetime(2026, 1, 7, 9, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
FILE_BY = CalendarDate(
    case_number="DW-00012",
    kind="imr_file_by",
    day=date(2026, 6, 1),
    summary="Last day to apply for an Independent Medical Review",
    description=(
        "Apply online at www.HealthHelp.ca.gov, or mail or fax DMHC form 20-224 with a copy "
        "of the denial; keep a copy of everything.\n\nRule: Health and Safety Code 1374.30(k)"
    ),
)
RESOLUTION = CalendarDate(
    case_number="DW-00012",
    kind="grievance_resolution",
    day=date(2026, 2, 3),
    summary="The plan must answer your grievance by today",
    description="If no answer has come, you may apply for an IMR.\n\nRule: HSC 1368.01(a)",
)


def parsed(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_of(calendar: Calendar) -> list[Component]:
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_one_all_day_event_per_date() -> None:
    calendar = parsed(calendar_for([FILE_BY, RESOLUTION], uid_domain=DOMAIN, stamp=STAMP))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    events = events_of(calendar)
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 6, 1), date(2026, 2, 3)]
    assert [e.decoded("DTEND") for e in events] == [date(2026, 6, 2), date(2026, 2, 4)]
    for event in events:
        assert not isinstance(event.decoded("DTSTART"), datetime)
        assert str(event["TRANSP"]) == "TRANSPARENT"
    first = events[0]
    assert str(first["SUMMARY"]) == FILE_BY.summary
    assert str(first["DESCRIPTION"]) == FILE_BY.description
    assert "1374.30(k)" in str(first["DESCRIPTION"])


def test_uids_are_one_per_case_and_kind() -> None:
    events = events_of(parsed(calendar_for([FILE_BY, RESOLUTION], uid_domain=DOMAIN, stamp=STAMP)))
    assert [str(e["UID"]) for e in events] == [
        "DW-00012.imr_file_by@denialwatch.example.org",
        "DW-00012.grievance_resolution@denialwatch.example.org",
    ]


def test_an_update_keeps_the_uid_and_raises_the_sequence_and_stamp() -> None:
    moved = CalendarDate(
        FILE_BY.case_number, FILE_BY.kind, date(2026, 5, 20), FILE_BY.summary, "moved"
    )
    later = STAMP + timedelta(days=3, minutes=5)
    before = events_of(parsed(calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=STAMP)))[0]
    after = events_of(parsed(calendar_for([moved], uid_domain=DOMAIN, stamp=later)))[0]
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")
    assert after.decoded("DTSTART") == date(2026, 5, 20)


def test_the_stamp_is_written_in_utc() -> None:
    event = events_of(parsed(calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=STAMP)))[0]
    assert event.decoded("DTSTAMP") == datetime(2026, 1, 7, 17, 30, tzinfo=UTC)
    assert b"DTSTAMP:20260107T173000Z" in calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=STAMP)


def test_an_alarm_at_nine_the_day_before() -> None:
    event = events_of(parsed(calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=STAMP)))[0]
    alarms = [c for c in event.walk() if c.name == "VALARM"]
    assert len(alarms) == 1
    alarm = alarms[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == FILE_BY.summary
    trigger = alarm.decoded("TRIGGER")
    assert trigger == timedelta(hours=-15)
    start = datetime.combine(event.decoded("DTSTART"), datetime.min.time())
    assert start + trigger == datetime(2026, 5, 31, 9, 0)


def test_same_input_same_bytes() -> None:
    first = calendar_for([FILE_BY, RESOLUTION], uid_domain=DOMAIN, stamp=STAMP)
    second = calendar_for([FILE_BY, RESOLUTION], uid_domain=DOMAIN, stamp=STAMP)
    assert first == second
    assert first.startswith(b"BEGIN:VCALENDAR\r\n")
    assert first.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in first.split(b"\r\n"))


def test_text_is_escaped_and_folded_and_comes_back_whole() -> None:
    odd = CalendarDate(
        "DW-00012",
        "imr_decision_expected",
        date(2026, 3, 1),
        "Decisión esperada; revisión médica, DMHC",
        "Línea uno, con comas; y punto y coma\n" + "x" * 300,
    )
    event = events_of(parsed(calendar_for([odd], uid_domain=DOMAIN, stamp=STAMP)))[0]
    assert str(event["SUMMARY"]) == odd.summary
    assert str(event["DESCRIPTION"]) == odd.description


def test_an_empty_calendar_is_still_a_calendar() -> None:
    calendar = parsed(calendar_for([], uid_domain=DOMAIN, stamp=STAMP))
    assert events_of(calendar) == []


def test_two_dates_of_one_kind_for_one_case_are_refused() -> None:
    with pytest.raises(ValueError, match="two calendar dates"):
        calendar_for([FILE_BY, FILE_BY], uid_domain=DOMAIN, stamp=STAMP)


def test_a_naive_stamp_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=datetime(2026, 1, 7, 9, 30))


def test_a_date_from_a_deadline_carries_its_citation() -> None:
    deadline = Deadline(
        kind=DeadlineKind.IMR_FILE_BY,
        due=date(2026, 6, 1),
        rule="imr_file_by.six_months",
        citation="HSC 1374.30(k)",
        inputs=(("grievance_decision_received", "2025-12-01"),),
        description="Six months from the plan's grievance decision.",
    )
    item = calendar_date("DW-00012", deadline, summary="Apply for an IMR", what_to_do="Apply.")
    assert item.kind == "imr_file_by"
    assert item.day == date(2026, 6, 1)
    assert item.description == (
        "Apply.\n\nSix months from the plan's grievance decision.\nRule: HSC 1374.30(k)"
    )


def test_the_attachment() -> None:
    attachment = ics_attachment([FILE_BY], case_number="DW-00012", uid_domain=DOMAIN, stamp=STAMP)
    assert attachment.filename == "DW-00012-dates.ics"
    assert (attachment.maintype, attachment.subtype) == ("text", "calendar")
    assert attachment.data == calendar_for([FILE_BY], uid_domain=DOMAIN, stamp=STAMP)


def test_the_attachment_travels_in_a_composed_email() -> None:
    attachment = ics_attachment(
        [FILE_BY, RESOLUTION], case_number="DW-00012", uid_domain=DOMAIN, stamp=STAMP
    )
    notice = Notice(subject="Your dates", text="See the attached calendar.", html="<p>See.</p>")
    raw = compose(
        notice,
        sender="Denial Help <denials@denialwatch.example.org>",
        recipient="maria@example.org",
        message_id="<case-12.dates@denialwatch.example.org>",
        date=STAMP,
        attachments=[attachment],
    )
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_filename() == "DW-00012-dates.ics"
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert payload == attachment.data

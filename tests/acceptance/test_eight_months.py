"""Eight months of one case on a fixed clock: every reminder goes out once, at its time.

The service runs as it does in production (a pass, then the dispatcher at the next due
time), but the clock is the story's. Teresa forwards her denial in March, files her
grievance after the first nudge, forwards the plan's decision in April, lets the IMR wait
until the countdown reaches her, mails the application in September, reports the DMHC's
case number and its decision by reply, and tells us in November that the plan complied.
The service is down for ten days in August. A real SMTP server receives every email.
"""

from __future__ import annotations

import email.utils
import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from denialwatch.service.reminders import next_due
from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.store.models import OutgoingEmail, Reminder
from tests.builders import TERESA, forward_gmail_inline, insurer_email
from tests.builders.catalogue.labelled import LABELLED_LETTERS
from tests.conftest import make_config
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.slow

PACIFIC = ZoneInfo("America/Los_Angeles")
START = datetime(2026, 3, 13, 10, 0, tzinfo=PACIFIC)
END = datetime(2026, 11, 20, 12, 0, tzinfo=PACIFIC)
DOWN = (datetime(2026, 8, 15, 0, 0, tzinfo=PACIFIC), datetime(2026, 8, 25, 3, 0, tzinfo=PACIFIC))
"""The service is off between these two instants, and comes back in the quiet hours."""


def local(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=PACIFIC)


@dataclass(frozen=True)
class Step:
    at: datetime
    deliver: Callable[[Runtime], bytes]


@pytest.fixture
def runtime(tmp_path: Path, smtp_server: SmtpServer) -> Iterator[Runtime]:
    runtime = build_runtime(
        make_config(
            tmp_path,
            f"sqlite:///{tmp_path / 'dw.db'}",
            outgoing=smtp_server.outgoing_config().model_dump(
                exclude={"password", "password_source"}, exclude_none=True, mode="json"
            ),
        )
    )
    yield runtime
    runtime.close()


def letter(key: str, at: datetime) -> Callable[[Runtime], bytes]:
    def build(_runtime: Runtime) -> bytes:
        sample = LABELLED_LETTERS[key].sample
        original = insurer_email(sample, message_id=f"<{key}@plan.example.com>", date=at)
        return forward_gmail_inline(
            original, TERESA, message_id=f"<fwd-{key}@example.com>", date=at
        )

    return build


def reply(text: str, at: datetime) -> Callable[[Runtime], bytes]:
    def build(runtime: Runtime) -> bytes:
        with runtime.sessions() as session:
            first = session.scalar(select(OutgoingEmail.message_id).order_by(OutgoingEmail.id))
        assert first is not None
        message = EmailMessage()
        message["From"] = f"Teresa Almonte <{TERESA.address}>"
        message["To"] = "denials@clinic.example"
        message["Subject"] = "Re: your case"
        message["Date"] = email.utils.format_datetime(at)
        message["Message-ID"] = f"<reply-{at:%m%d}@example.com>"
        message["In-Reply-To"] = first
        message.set_content(text)
        return bytes(message)

    return build


STORY = [
    Step(local(3, 13, 10), letter("kaiser_medical_necessity", local(3, 11))),
    Step(local(3, 27, 14), reply("I filed the grievance today.", local(3, 27, 14))),
    Step(local(4, 18, 11), letter("kaiser_grievance_upheld", local(4, 17))),
    Step(
        local(9, 22, 15),
        reply(
            "Mailed it today by certified mail, tracking 9400 1000 0000 0000 0000 00",
            local(9, 22, 15),
        ),
    ),
    Step(local(10, 6, 13), reply("The DMHC case number is IMR-2026-004471.", local(10, 6, 13))),
    Step(local(11, 3, 17), reply("They overturned it! I won!", local(11, 3, 17))),
    Step(local(11, 12, 10), reply("They scheduled my surgery.", local(11, 12, 10))),
]


def deliver(runtime: Runtime, raw: bytes) -> None:
    inbox = mailbox.Maildir(runtime.config.inbox.path, create=True)  # type: ignore[union-attr]
    inbox.add(mailbox.MaildirMessage(raw))
    inbox.close()


def running(at: datetime) -> bool:
    return not DOWN[0] <= at < DOWN[1]


def test_every_reminder_goes_out_once_at_its_time(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    sent_at: dict[str, datetime] = {}  # Message-ID -> the simulated instant it reached SMTP
    steps = list(STORY)
    now = START.astimezone(UTC)
    passes = 0
    while now <= END:
        if steps and steps[0].at <= now:
            deliver(runtime, steps.pop(0).deliver(runtime))
        if running(now):
            before = len(smtp_server.received)
            assert run_pass(runtime, now=now).errors == 0
            passes += 1
            for mail in smtp_server.received[before:]:
                message_id = str(mail.message["Message-ID"])
                assert message_id not in sent_at, f"{message_id} sent twice"
                sent_at[message_id] = now
        # Wake at the next thing due (as the dispatcher does), the next story step, or in a
        # day at the latest (the safety interval, stretched: nothing is due in between).
        wake = [now + timedelta(days=1)]
        if steps:
            wake.append(steps[0].at.astimezone(UTC))
        due = next_due(runtime)
        if due is not None and due > now:
            wake.append(due)
        if not running(now):
            wake.append(DOWN[1].astimezone(UTC))
        now = min(wake)
    assert not steps
    assert passes < 2000

    with runtime.sessions() as session:
        reminders = session.scalars(select(Reminder).order_by(Reminder.due_at)).all()
        sent = {r.key: r for r in reminders if r.email is not None}
        for r in reminders:
            if r.email is not None:
                assert r.email.status == "sent"
        outcome = {r.key: r.status for r in reminders}
        due_of = {r.key: r.due_at.astimezone(PACIFIC) for r in reminders}
        about = {r.key: r.about for r in reminders}
        ids = {r.key: r.email.message_id for r in reminders if r.email is not None}

    assert sorted(sent) == [
        "check_tracking",
        "file_grievance.start",
        "imr_file_by.d30",
        "imr_file_by.d60",
        "no_dmhc_acknowledgement",
        "plan_compliance",
    ], outcome
    # Each went out at its own time: 9:00 in California on its day...
    for key in (
        "file_grievance.start",
        "imr_file_by.d30",
        "check_tracking",
        "no_dmhc_acknowledgement",
        "plan_compliance",
    ):
        assert sent_at[ids[key]].astimezone(PACIFIC) == due_of[key], key
        assert due_of[key].hour == 9
    assert due_of["file_grievance.start"].date().isoformat() == "2026-03-18"
    assert due_of["imr_file_by.d30"].date().isoformat() == "2026-09-19"
    assert due_of["check_tracking"].date().isoformat() == "2026-09-29"
    # ...except the one due while the service was down: sent once when it came back, after
    # the quiet hours of the morning it came back in.
    late = sent_at[ids["imr_file_by.d60"]].astimezone(PACIFIC)
    file_by = about["imr_file_by.d60"]
    assert file_by is not None
    assert file_by.isoformat() == "2026-10-19"  # 6 months from 04-17 is Saturday 10-17: rolled
    assert (file_by - timedelta(days=60)).isoformat() == "2026-08-20"  # due while down
    assert late == datetime(2026, 8, 25, 8, 0, tzinfo=PACIFIC)
    # Every reminder's Message-ID reached the SMTP server exactly once.
    received = [str(m.message["Message-ID"]) for m in smtp_server.received]
    for message_id in ids.values():
        assert received.count(message_id) == 1
    # Events made the others pointless: they were cancelled, never sent.
    for key in (
        "file_grievance.d30",
        "file_grievance.d7",
        "imr_available",
        "imr_file_by.d14",
        "imr_file_by.d7",
        "imr_file_by.d2",
        "imr_file_by.d0",
        "decision_expected",
    ):
        assert outcome.get(key) in (None, "cancelled"), (key, outcome.get(key))

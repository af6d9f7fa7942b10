"""The dispatcher wakes at the next reminder's due time, not on a fixed poll."""

from __future__ import annotations

import mailbox
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import func, select

from denialwatch.clock import utcnow
from denialwatch.service.runner import run_forever, run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.store.db import transaction
from denialwatch.store.models import Case, Message, Reminder
from tests.conftest import make_config
from tests.support.smtp import SmtpServer
from tests.support.workload import build_denials

SAMPLES = resources.files("denialwatch") / "samples"
BACKLOG = 16


@pytest.fixture
def runtime(tmp_path: Path, smtp_server: SmtpServer) -> Iterator[Runtime]:
    config = make_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'dw.db'}",
        outgoing=smtp_server.outgoing_config().model_dump(
            exclude={"password", "password_source"}, exclude_none=True, mode="json"
        ),
        # An hour between inbox passes and between safety wake-ups: only the due time can
        # wake the dispatcher within this test. Quiet hours off: the test runs at any hour.
        service={"poll_interval_seconds": 3600},
        reminders={
            "safety_interval_seconds": 3600,
            "quiet_start": "00:00",
            "quiet_end": "00:00",
            "send_at": "09:00",
        },
    )
    runtime = build_runtime(config)
    yield runtime
    runtime.close()


def test_a_reminder_due_in_a_moment_goes_out_without_waiting_for_a_poll(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    inbox = mailbox.Maildir(runtime.config.inbox.path, create=True)  # type: ignore[union-attr]
    inbox.add(mailbox.MaildirMessage((SAMPLES / "01-kaiser-denial-gmail-forward.eml").read_bytes()))
    inbox.close()
    run_pass(runtime, now=datetime(2026, 3, 13, 18, 0, tzinfo=UTC))
    opened = len(smtp_server.received)
    due = utcnow() + timedelta(seconds=3)
    with transaction(runtime.sessions) as session:
        case = session.scalars(select(Case)).one()
        for reminder in session.scalars(select(Reminder)):
            reminder.status = "cancelled"  # only the one below is left to send
        session.add(
            Reminder(
                case=case,
                key="decision_expected",
                kind="decision_expected",
                due_at=due,
                about=due.date(),
                deadline_kind=None,
                status="pending",
                created_at=due,
                updated_at=due,
            )
        )
    stop = threading.Event()
    service = threading.Thread(target=run_forever, args=(runtime,), kwargs={"stop": stop})
    service.start()
    try:
        deadline = time.monotonic() + 30
        while len(smtp_server.received) == opened and time.monotonic() < deadline:
            time.sleep(0.2)
        arrived = utcnow()
    finally:
        stop.set()
        service.join(timeout=30)
    assert len(smtp_server.received) == opened + 1
    assert arrived >= due
    assert arrived - due < timedelta(seconds=15)
    assert "decision" in str(smtp_server.received[-1].message["Subject"]).lower()


def test_the_first_patient_email_of_a_backlog_leaves_before_the_backlog_is_read(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    """Each processed message wakes the dispatcher: the first patient is answered while the
    rest of the backlog is still being read, not after the whole inbox pass."""
    denials = build_denials(BACKLOG, "backlog")
    inbox = mailbox.Maildir(runtime.config.inbox.path, create=True)  # type: ignore[union-attr]
    for denial in denials:
        inbox.add(mailbox.MaildirMessage(denial.raw))
    inbox.close()
    stop = threading.Event()
    service = threading.Thread(target=run_forever, args=(runtime,), kwargs={"stop": stop})
    service.start()
    try:
        deadline = time.monotonic() + 120
        while not smtp_server.received and time.monotonic() < deadline:
            time.sleep(0.05)
        with runtime.sessions() as session:
            waiting = session.scalar(
                select(func.count()).select_from(Message).where(Message.state == "received")
            )
        assert smtp_server.received, "no patient email within two minutes"
        assert waiting is not None
        assert waiting > 0, "the first email waited for the whole backlog"
        # And the rest follow: every patient answered.
        patients = {denial.patient.address for denial in denials}
        deadline = time.monotonic() + 240
        while recipients(smtp_server) != patients and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        service.join(timeout=30)
    assert recipients(smtp_server) == patients


def recipients(smtp_server: SmtpServer) -> set[str]:
    return {str(mail.message["To"]) for mail in list(smtp_server.received)}

"""Scale-out on PostgreSQL: three ``denialwatch run`` workers share one database and one inbox.

Three workers start against one PostgreSQL database and one Dovecot mailbox; 240 denials
from 240 patients arrive while they run. One worker holds the watch lease and fetches and
files; every worker processes stored messages and dispatches reminders and emails, each
item claimed with a compare-and-set (``store.claims``). Once every case is open, each case
gets a reminder due now, as the planner would write one (a row in ``reminders``), beside
whatever reminders the cases' own deadlines brought due.

Nothing is killed, so nothing may happen twice: every message has one ledger entry, one
outcome and one case; every email (case-opened and reminder) arrives exactly once; the
work is shared (more than one worker opened cases, as their logs say); and one worker at a
time held the watch lease.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, Engine, create_engine, func, insert, select

from denialwatch.clock import utcnow
from denialwatch.config import Security
from denialwatch.service.process import FINAL_STATES
from denialwatch.store.models import (
    Case,
    MailboxEntry,
    Message,
    OutgoingEmail,
    Patient,
    Reminder,
    Worker,
)
from tests.acceptance.cli import denialwatch, write_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer
from tests.support.workload import (
    Daemon,
    append_all,
    build_denials,
    emails_by_message_id,
    message_ids_in,
    wait_for,
)

pytestmark = [pytest.mark.imap, pytest.mark.postgres, pytest.mark.slow]

WORKERS = 3
MESSAGES = 240
TIMEOUT = 240.0
SERVICE = """\
[service]
poll_interval_seconds = 1

[reminders]
safety_interval_seconds = 5
quiet_start = 00:00:00
quiet_end = 00:00:00
"""
ADDED_REMINDER = "scale-out.imr_available"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


def _count(engine: Engine, model: Any, *where: ColumnElement[bool]) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_three_workers_share_the_work_and_do_nothing_twice(
    tmp_path: Path,
    database_url: str,
    engine: Engine,
    imap_account: ImapAccount,
    smtp_server: SmtpServer,
) -> None:
    started = time.monotonic()
    denials = build_denials(MESSAGES, "scale")
    config = write_config(
        tmp_path / "denialwatch.toml",
        inbox=imap_account.inbox_config(Security.NONE),
        outgoing=smtp_server.outgoing_config(),
        database_url=database_url,
        storage=tmp_path / "documents",
        extra=SERVICE,
    )
    denialwatch(config, "db", "upgrade")
    workers = [Daemon(config, tmp_path / f"worker-{n}.log").start() for n in range(WORKERS)]
    try:
        assert wait_for(lambda: all("running as" in w.log() for w in workers), 60)
        append_all(imap_account, (d.raw for d in denials))
        appended = time.monotonic()

        def cases_open() -> bool:
            return (
                _count(engine, Message, Message.state.in_(FINAL_STATES)) == MESSAGES
                and _count(engine, MailboxEntry, MailboxEntry.filed_at.is_not(None)) == MESSAGES
            )

        assert wait_for(cases_open, TIMEOUT, 1.0), [w.log()[-3000:] for w in workers]
        processed = time.monotonic()

        # Every case gets a reminder due now, as the planner writes one.
        now = utcnow()
        with engine.begin() as connection:
            case_ids = connection.scalars(select(Case.id)).all()
            connection.execute(
                insert(Reminder),
                [
                    {
                        "case_id": case_id,
                        "key": ADDED_REMINDER,
                        "kind": "imr_available",
                        "due_at": now,
                        "status": "pending",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for case_id in case_ids
                ],
            )

        def all_sent() -> bool:
            return (
                _count(engine, Reminder, Reminder.status == "pending", Reminder.due_at <= utcnow())
                == 0
                and _count(engine, OutgoingEmail, OutgoingEmail.status != "sent") == 0
            )

        assert wait_for(all_sent, TIMEOUT, 1.0), [w.log()[-3000:] for w in workers]
        dispatched = time.monotonic()
    finally:
        codes = [w.stop() for w in workers]
    assert codes == [0] * WORKERS, [w.log()[-3000:] for w in workers]
    logs = [w.log() for w in workers]

    # Every message once: one ledger entry, one outcome, one case of its own.
    with engine.connect() as connection:
        rows = connection.execute(select(Message.message_id, Message.state, Message.case_id)).all()
        entries = connection.execute(
            select(MailboxEntry.message_pk, func.count()).group_by(MailboxEntry.message_pk)
        ).all()
        patients = connection.scalar(select(func.count()).select_from(Patient))
        outgoing = connection.execute(
            select(OutgoingEmail.message_id, OutgoingEmail.purpose, OutgoingEmail.status)
        ).all()
        reminders = connection.execute(
            select(Reminder.key, Reminder.status, OutgoingEmail.message_id).outerjoin(
                OutgoingEmail, Reminder.email_id == OutgoingEmail.id
            )
        ).all()
        seen_workers = connection.scalars(select(Worker.id)).all()
    assert sorted(r.message_id for r in rows) == sorted(d.message_id for d in denials)
    assert {r.state for r in rows} == {"case"}
    assert len({r.case_id for r in rows}) == MESSAGES == len(case_ids) == patients
    assert {count for _, count in entries} == {1}
    assert len(entries) == MESSAGES
    inbox = imap_account.inbox_config()
    assert message_ids_in(imap_account, "INBOX") == []
    assert sorted(message_ids_in(imap_account, inbox.processed_folder)) == sorted(
        d.message_id for d in denials
    )

    # Every email exactly once: no resend, since nothing crashed.
    received = emails_by_message_id(smtp_server.received)
    assert set(received) == {o.message_id.strip("<>") for o in outgoing}
    twice = {message_id: len(copies) for message_id, copies in received.items() if len(copies) > 1}
    assert twice == {}
    purposes = Counter(o.purpose for o in outgoing)
    assert purposes["case_opened"] == MESSAGES
    queued = [r for r in reminders if r.status == "queued"]
    added = [r for r in reminders if r.key == ADDED_REMINDER]
    assert len(added) == MESSAGES
    assert {r.status for r in added} == {"queued"}
    assert all(r.message_id.strip("<>") in received for r in queued)
    assert len({r.message_id for r in queued}) == len(queued)

    # The work was shared: more than one worker opened cases and queued reminders.
    opened = [len(re.findall(r"message \d+: case \(case", log)) for log in logs]
    queued_by = [len(re.findall(r"reminder \d+ queued", log)) for log in logs]
    sent_by = [len(re.findall(r"email \d+ sent", log)) for log in logs]
    assert sum(opened) == MESSAGES
    assert sum(queued_by) == len(queued)
    assert sum(sent_by) == len(outgoing)
    assert sum(1 for n in opened if n) >= 2, opened
    assert sum(1 for n in sent_by if n) >= 2, sent_by
    assert len(seen_workers) == WORKERS

    # One watcher at a time: exactly one worker took the lease, and it never changed hands.
    took = [log.count("this worker now watches") for log in logs]
    assert sorted(took) == [0] * (WORKERS - 1) + [1], took
    assert not any("watch lease: lost" in log for log in logs)

    print(  # noqa: T201 (the figures are for the reader)
        f"\nscale-out: {WORKERS} workers, {MESSAGES} messages, {len(queued)} reminders sent; "
        f"cases open {processed - appended:.1f} s after the append "
        f"({MESSAGES / (processed - appended):.1f} messages/s), reminders and emails done "
        f"{dispatched - processed:.1f} s later; cases per worker {opened}, reminders queued "
        f"per worker {queued_by}, emails sent per worker {sent_by}; total "
        f"{time.monotonic() - started:.1f} s"
    )

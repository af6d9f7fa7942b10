"""How the service is doing: each worker's own record, the facts ``status`` shows, and the live
checks ``doctor`` runs.

Every ``denialwatch run`` keeps its state in memory (``Health``) and writes it to its row of the
``workers`` table on each heartbeat, and at once when a component starts failing: when it was
last seen, its last successful poll of the inbox, its last error, and whether each of its
components (inbox, smtp, database, storage) is ``ok`` or ``failing``. Memory is the truth for
the worker and the row only a report, so a database outage loses nothing: the next heartbeat
that reaches the database writes the whole state. Errors are kept as component and cause
("inbox: connection refused to 127.0.0.1:993"): our own error classes carry no content by
contract, and any other error is reduced to its type, because a database driver's message can
quote the row it refused.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.clock import local_date
from denialwatch.config import Config, ImapInbox, SmtpOutgoing
from denialwatch.errors import DenialwatchError, SourceError, StorageError
from denialwatch.store import leases
from denialwatch.store.models import Message, OutgoingEmail, Reminder, Worker

log = logging.getLogger(__name__)

COMPONENTS = ("inbox", "smtp", "database", "storage")
OK = "ok"
FAILING = "failing"
FORGET_WORKERS_AFTER = timedelta(days=7)


def describe_error(err: BaseException) -> str:
    """An error as it may be shown and stored: our own messages, else the type only."""
    if isinstance(err, DenialwatchError):
        return " ".join(str(err).split())[:500]
    if isinstance(err, SQLAlchemyError):
        cause = type(getattr(err, "orig", None) or err).__name__
        return f"database error ({cause})"
    return type(err).__name__


def job_failed(health: Health, job: str, err: Exception, now: datetime) -> None:
    """Log and record a job's failure (by kind, never content); the job runs again later."""
    log.error("%s failed: %s", job, describe_error(err))
    component = (
        "inbox"
        if isinstance(err, SourceError)
        else "storage"
        if isinstance(err, StorageError)
        else "database"
    )
    health.failing(component, err, now)


class Health:
    """One worker's state; thread-safe, written to the ``workers`` table by ``flush``."""

    def __init__(self, sessions: sessionmaker[Session], worker_id: str, now: datetime) -> None:
        self.worker_id = worker_id
        self._sessions = sessions
        self._lock = threading.Lock()
        self._started_at = now
        self._stopped_at: datetime | None = None
        self._last_poll_ok_at: datetime | None = None
        self._last_error_at: datetime | None = None
        self._last_error: str | None = None
        self._watching: str | None = None
        self._idle: bool | None = None
        self._states = dict.fromkeys(COMPONENTS, "unknown")

    def ok(self, component: str) -> None:
        with self._lock:
            self._states[component] = OK

    def failing(self, component: str, err: BaseException | str, now: datetime) -> None:
        """Record a failure; a component that starts failing is written to the table at once.

        Otherwise ``status`` would go on showing it ``ok`` until the next heartbeat (up to
        20 s), long enough to miss a short outage. Not the database: that write would fail too
        (the heartbeat writes it once the database is back).
        """
        text = err if isinstance(err, str) else describe_error(err)
        with self._lock:
            started = self._states[component] != FAILING
            self._states[component] = FAILING
            self._last_error = f"{component}: {text}"
            self._last_error_at = now
        if started and component != "database":
            self.flush(now)

    def poll_ok(self, now: datetime) -> None:
        with self._lock:
            self._last_poll_ok_at = now
            self._states["inbox"] = OK

    def watching(self, lease_name: str | None, idle: bool | None) -> None:
        with self._lock:
            self._watching = lease_name
            self._idle = idle

    def state(self, component: str) -> str:
        with self._lock:
            return self._states[component]

    def stopped(self, now: datetime) -> None:
        with self._lock:
            self._stopped_at = now
            self._watching = None

    def flush(self, now: datetime) -> bool:
        """Write this worker's row; whether the database took it (it records that too)."""
        with self._lock:
            values: dict[str, Any] = {
                "started_at": self._started_at,
                "last_seen_at": now,
                "stopped_at": self._stopped_at,
                "last_poll_ok_at": self._last_poll_ok_at,
                "last_error_at": self._last_error_at,
                "last_error": self._last_error,
                "watching": self._watching,
                "idle": self._idle,
                "database_state": OK,
                **{f"{c}_state": s for c, s in self._states.items() if c != "database"},
            }
        try:
            with self._sessions() as session:
                row = session.get(Worker, self.worker_id)
                if row is None:
                    row = Worker(id=self.worker_id, **values)
                    session.add(row)
                else:
                    for key, value in values.items():
                        setattr(row, key, value)
                session.commit()
        except SQLAlchemyError as err:
            self.failing("database", err, now)
            log.warning("health: cannot record this worker's state (%s)", describe_error(err))
            return False
        self.ok("database")
        return True


def forget_old_workers(sessions: sessionmaker[Session], now: datetime) -> int:
    """Delete rows of workers not seen for a week (housekeeping); how many."""
    with sessions() as session:
        result = session.execute(
            delete(Worker).where(Worker.last_seen_at < now - FORGET_WORKERS_AFTER)
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def _end_of_local_day(now: datetime, zone: tzinfo) -> datetime:
    local = now.astimezone(zone)
    midnight = datetime.combine(local_date(now, zone) + timedelta(days=1), datetime.min.time())
    return midnight.replace(tzinfo=local.tzinfo).astimezone(now.tzinfo)


def reminders_due_today(session: Session, now: datetime, zone: tzinfo) -> int:
    """Pending reminders due from now to the end of the day in ``zone``."""
    return (
        session.scalar(
            select(func.count(Reminder.id)).where(
                Reminder.status == "pending",
                Reminder.due_at > now,
                Reminder.due_at < _end_of_local_day(now, zone),
            )
        )
        or 0
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def status_report(sessions: sessionmaker[Session], now: datetime, zone: tzinfo) -> dict[str, Any]:
    """The facts ``status`` shows: counts and identifiers, nothing read from a message."""
    with sessions() as session:
        states = dict(
            session.execute(select(Message.state, func.count(Message.id)).group_by(Message.state))
            .tuples()
            .all()
        )
        emails = dict(
            session.execute(
                select(OutgoingEmail.status, func.count(OutgoingEmail.id)).group_by(
                    OutgoingEmail.status
                )
            )
            .tuples()
            .all()
        )
        overdue = session.scalar(
            select(func.count(Reminder.id)).where(
                Reminder.status == "pending", Reminder.due_at <= now
            )
        )
        reminders_failed = session.scalar(
            select(func.count(Reminder.id))
            .join(OutgoingEmail, Reminder.email_id == OutgoingEmail.id)
            .where(OutgoingEmail.status == "failed")
        )
        due_today = reminders_due_today(session, now, zone)
        workers = list(session.scalars(select(Worker).order_by(Worker.started_at)))
    last_poll = max(
        (w for w in workers if w.last_poll_ok_at is not None),
        key=lambda w: w.last_poll_ok_at or now,
        default=None,
    )
    watchers = [
        {"mailbox": lease.name.removeprefix("watch:"), "holder": lease.holder}
        for lease in leases.held(sessions, now)
        if lease.name.startswith("watch:")
    ]
    return {
        "now": _iso(now),
        "last_poll_ok_at": _iso(last_poll.last_poll_ok_at) if last_poll else None,
        "last_poll_ok_by": last_poll.id if last_poll else None,
        "watchers": watchers,
        "messages": {
            "waiting": states.get("received", 0),
            "in_review": states.get("needs_review", 0),
            "failed": states.get("failed", 0),
        },
        "reminders": {
            "due_today": due_today,
            "overdue": overdue or 0,
            "failed": reminders_failed or 0,
        },
        "emails": {"queued": emails.get("pending", 0), "failed": emails.get("failed", 0)},
        "workers": [
            {
                "id": w.id,
                "started_at": _iso(w.started_at),
                "last_seen_at": _iso(w.last_seen_at),
                "stopped_at": _iso(w.stopped_at),
                "last_poll_ok_at": _iso(w.last_poll_ok_at),
                "watching": w.watching,
                "idle": w.idle,
                "last_error": w.last_error,
                "last_error_at": _iso(w.last_error_at),
                "components": {
                    "inbox": w.inbox_state,
                    "smtp": w.smtp_state,
                    "database": w.database_state,
                    "storage": w.storage_state,
                },
            }
            for w in workers
        ],
    }


# The live checks of ``doctor``.


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    hint: str | None = None

    def __str__(self) -> str:
        line = f"{'ok' if self.ok else 'FAIL':<4} {self.name}: {self.detail}"
        return line if self.ok or not self.hint else f"{line} — what to do: {self.hint}"


def _imap_hint(text: str) -> str:
    lowered = text.lower()
    if "logging in" in lowered:
        return "check inbox.username and the password in inbox.password_file"
    if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
        return "check inbox.security and inbox.tls_ca_file against the server's certificate"
    if "folder" in lowered:
        return "check inbox.folder and that the account may create the filing folders"
    return "check inbox.host, inbox.port and inbox.security, and that the server is reachable"


def check_inbox(config: Config) -> Check:
    inbox = config.inbox
    if isinstance(inbox, ImapInbox):
        from denialwatch.mail.imap import ImapSource

        try:
            found = ImapSource(inbox).check()
        except DenialwatchError as err:
            text = describe_error(err)
            return Check("imap", False, text, _imap_hint(text))
        idle = (
            "IDLE supported"
            if found.idle
            else f"no IDLE (polling every {config.service.poll_interval_seconds:.0f} s)"
        )
        created = f", created {', '.join(found.folders_created)}" if found.folders_created else ""
        detail = (
            f"logged in to {inbox.host}:{inbox.port} as {inbox.username}, {inbox.folder}, "
            f"{idle}{created}"
        )
        return Check("imap", True, detail)
    from denialwatch.mail.maildir import MaildirSource

    try:
        with MaildirSource(inbox) as source:
            waiting = len(source.list_uids())
    except DenialwatchError as err:
        return Check(
            "inbox",
            False,
            describe_error(err),
            f"create the Maildir or fix inbox.path; the service user must own {inbox.path}",
        )
    return Check("inbox", True, f"maildir {inbox.path}, {waiting} message(s) in the inbox")


def check_outgoing(config: Config) -> Check:
    outgoing = config.outgoing
    if isinstance(outgoing, SmtpOutgoing):
        from denialwatch.mail.smtp import SmtpSender

        try:
            found = SmtpSender(outgoing).check()
        except DenialwatchError as err:
            text = describe_error(err)
            hint = (
                "check outgoing.username and the password in outgoing.password_file"
                if "log" in text.lower() or "auth" in text.lower()
                else "check outgoing.host, outgoing.port, outgoing.security and tls_ca_file"
            )
            return Check("smtp", False, text, hint)
        login = f" as {outgoing.username}" if found.authenticated else " (no login)"
        detail = f"connected to {outgoing.host}:{outgoing.port} ({outgoing.security.value}){login}"
        return Check("smtp", True, detail)
    path = outgoing.path
    if path.is_dir() and os.access(path, os.W_OK):
        return Check("outbox", True, f"maildir {path} is writable")
    return Check(
        "outbox", False, f"{path} is missing or not writable", f"create {path} for the service user"
    )


def check_database(config: Config) -> Check:
    from sqlalchemy.engine import make_url

    from denialwatch.store.db import make_engine, schema_status

    shown = make_url(config.database.url).render_as_string(hide_password=True)
    try:
        engine = make_engine(config.database.url)
        try:
            current, head = schema_status(engine)
        finally:
            engine.dispose()
    except (DenialwatchError, SQLAlchemyError) as err:
        return Check(
            "database",
            False,
            f"{shown}: {describe_error(err)}",
            "check database.url and that the database server is running and reachable",
        )
    if current != head:
        return Check(
            "database",
            False,
            f"{shown}: schema at revision {current or 'none'}, this version needs {head}",
            "run `denialwatch db upgrade` (the service also upgrades when it starts)",
        )
    return Check("database", True, f"{shown}: schema at revision {current} (newest)")


def check_storage(config: Config) -> Check:
    path = config.storage.path
    fix = f"install -d -m 0700 -o <service user> {path}"
    if not path.is_dir():
        return Check("storage", False, f"{path} does not exist", fix)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        return Check(
            "storage", False, f"{path} has mode {mode:04o}, not 0700", f"chmod 0700 {path}"
        )
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".doctor-"):
            pass
    except OSError as err:
        return Check(
            "storage",
            False,
            f"{path} is not writable ({err.strerror})",
            f"chown the directory to the service user: {fix}",
        )
    return Check("storage", True, f"{path} exists, mode 0700, writable")


def check_ocr(config: Config) -> Check:
    command = config.documents.tesseract_command
    wanted = config.documents.ocr_languages.split("+")
    packages = " ".join(f"tesseract-ocr-{code}" for code in wanted)
    hint = f"install Tesseract and its languages (Debian: apt install tesseract-ocr {packages})"
    try:
        version = subprocess.run(
            [command, "--version"], capture_output=True, text=True, timeout=15, check=True
        )
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=15, check=True
        )
    except (OSError, subprocess.SubprocessError) as err:
        return Check("ocr", False, f"{command} cannot run ({type(err).__name__})", hint)
    first = (version.stdout or version.stderr).strip().splitlines()
    installed = {line.strip() for line in listed.stdout.splitlines()[1:]}
    missing = [code for code in wanted if code not in installed]
    name = first[0] if first else command
    if missing:
        return Check("ocr", False, f"{name}: language(s) {', '.join(missing)} missing", hint)
    return Check("ocr", True, f"{name}, languages {', '.join(wanted)}")


def doctor_checks(config: Config) -> list[Check]:
    """Every live check, in the order an operator would fix them."""
    return [
        check_inbox(config),
        check_outgoing(config),
        check_database(config),
        check_storage(config),
        check_ocr(config),
    ]

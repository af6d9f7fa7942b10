"""The service loop: every job of a worker under one APScheduler scheduler.

``run_forever`` starts one ``BackgroundScheduler`` with these jobs:

- ``inbox-watch``: the watcher (``service.watch``), a job that runs until the service
  stops: it holds the mailbox's watch lease, keeps one connection open, and on every change
  (IMAP IDLE, a Maildir's listing; polling when the server has no IDLE) fetches what is new,
  processes it and files it. Only the lease holder fetches and files.
- ``inbox-pass``: the safety poll, every ``poll_interval_seconds``: it pokes the watcher into
  a pass (in case IDLE missed something) and, on every worker, processes messages stored
  by any worker.
- ``dispatch``: the dispatcher (``service.dispatcher``), a job that runs until the service
  stops: it queues reminders that have come due and sends due emails, then sleeps until the
  next reminder's due time (or the next email retry), at most ``safety_interval_seconds``;
  each message processed and each inbox pass wake it at once.
- ``heartbeat``, every 20 s: renews the watch lease (or takes it over when its holder is
  gone), writes this worker's health (``service.health``) for ``status``, and tells systemd
  the state in one line of counts and folder names.
- ``housekeeping``, hourly: deletes leases expired a day ago and workers not seen for a week.

Every job catches every exception, logs it without content, records it in the worker's
health and tries again on its next run: a database restart, a mail server outage or one bad
message never stops the daemon. SIGTERM and SIGINT only set an Event; every wait is on it,
so the watcher leaves its IDLE within a second, the item in hand is finished, and the
scheduler shuts down, well within systemd's 10 seconds.

``run_pass`` (``run --once``, the demo) is one pass of every stage with a connection of
its own, with the clock read once at its start:

1. fetch: every message in the watched folder not yet in the ledger is stored;
2. process: each stored message gets its outcome (case, attached, review);
3. file: handled messages leave the watched folder for processed / review;
4. remind: reminders that have come due are queued as emails;
5. deliver: queued patient emails are sent.

Each stage is independent of the others' failures: with the IMAP server down, messages
already fetched are still processed and emails still sent; with the SMTP server down,
messages are still fetched and filed.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from denialwatch.clock import utcnow
from denialwatch.errors import SourceError, StorageError
from denialwatch.service.delivery import record_unrecorded
from denialwatch.service.dispatcher import Dispatcher, dispatch
from denialwatch.service.fetch import fetch_new
from denialwatch.service.filing import file_handled
from denialwatch.service.health import Health, forget_old_workers, job_failed
from denialwatch.service.health import reminders_due_today as _due_today
from denialwatch.service.notify import Notifier
from denialwatch.service.process import process_in_turn, process_pending
from denialwatch.service.recovery import recover
from denialwatch.service.runtime import Runtime
from denialwatch.service.watch import RENEW_SECONDS, InboxPass, Watcher
from denialwatch.store import leases

log = logging.getLogger(__name__)

DISPATCH_JOB = "dispatch"
WATCH_JOB = "inbox-watch"
SAFETY_JOB = "inbox-pass"
HEARTBEAT_JOB = "heartbeat"
HOUSEKEEPING_JOB = "housekeeping"
HOUSEKEEPING_SECONDS = 3600.0
PRUNE_LEASES_AFTER = timedelta(days=1)


@dataclass
class PassResult:
    fetched: int = 0
    processed: int = 0
    filed: int = 0
    reminders: int = 0
    sent: int = 0
    errors: int = 0

    def __str__(self) -> str:
        return (
            f"fetched {self.fetched}, processed {self.processed}, filed {self.filed}, "
            f"reminders {self.reminders}, sent {self.sent}, errors {self.errors}"
        )


def run_pass(
    runtime: Runtime, now: datetime | None = None, health: Health | None = None
) -> PassResult:
    """One pass; ``now`` (UTC) is read from the clock unless a test passes it."""
    now = now or utcnow()
    result = PassResult()
    try:
        with runtime.open_source() as source:
            result.fetched = fetch_new(runtime, source, now)
            result.processed = process_pending(runtime, now)
            result.filed = file_handled(runtime, source, now)
        if health is not None:
            health.poll_ok(now)
    except (SourceError, StorageError) as err:
        result.errors += 1
        log.error("inbox: %s", err)
        if health is not None:
            health.failing("inbox" if isinstance(err, SourceError) else "storage", err, now)
        if isinstance(err, SourceError):
            # Messages fetched earlier can still be worked on without the inbox.
            with suppress(StorageError):
                result.processed += process_pending(runtime, now)
    delivered = dispatch(runtime, now, health=health)
    result.reminders, result.sent = delivered.reminders, delivered.sent
    result.errors += delivered.errors
    log.info("pass done: %s", result)
    return result


def run_once(runtime: Runtime, *, holder: str | None = None) -> PassResult:
    """One pass, recorded in the ``workers`` table like a running worker's (for ``status``)."""
    now = utcnow()
    health = Health(runtime.sessions, holder or leases.new_holder_id(), now)
    try:
        return run_pass(runtime, now, health)
    finally:
        health.stopped(utcnow())
        health.flush(utcnow())


def status_line(watcher: Watcher, last: InboxPass | None, due_today: int | None) -> str:
    """One line for ``systemctl status``: counts and folder names only.

    "watching INBOX; last pass: fetched 1, processed 1, filed 1; IDLE; 3 reminders due today"
    """
    folder = watcher.folder
    if watcher.state == "watching":
        parts = [f"watching {folder}"]
        if last is not None:
            parts.append(
                f"last pass: fetched {last.fetched}, processed {last.processed}, filed {last.filed}"
            )
        parts.append("IDLE" if watcher.idle else "polling")
    elif watcher.state == "standby":
        parts = [f"standby: another worker watches {folder}"]
    elif watcher.state == "reconnecting":
        parts = [f"{folder} unreachable; reconnecting"]
    else:
        parts = [f"{watcher.state} {folder}"]
    if due_today is not None:
        parts.append(f"{due_today} reminder{'s' if due_today != 1 else ''} due today")
    return "; ".join(parts)


class _Jobs:
    """The jobs of one worker's scheduler and what they share (see the module doc)."""

    def __init__(
        self, runtime: Runtime, stop: threading.Event, notifier: Notifier, holder: str
    ) -> None:
        self.runtime = runtime
        self.stop = stop
        self.notifier = notifier
        self.health = Health(runtime.sessions, holder, utcnow())
        self.scheduler = BackgroundScheduler(timezone="UTC")
        self.dispatcher = Dispatcher(runtime, stop=stop, health=self.health)
        self.watcher = Watcher(
            runtime,
            holder=holder,
            stop=stop,
            health=self.health,
            on_pass=self.after_pass,
            on_processed=self.dispatcher.kick,
        )
        self.last_pass: InboxPass | None = None
        self.due_today: int | None = None

    def start(self) -> None:
        interval = self.runtime.config.service.poll_interval_seconds
        now = utcnow()
        try:  # a restart after a crash need not wait out the dead worker's claims
            recover(self.runtime.sessions, me=self.watcher.holder, now=now)
        except Exception as err:  # the database may be down: the leases end on their own
            log.error("recovery at start failed: %s", type(err).__name__)
        common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
        add = self.scheduler.add_job
        add(self.watcher.run, id=WATCH_JOB, next_run_time=now, **common)
        add(self.safety_poll, "interval", seconds=interval, id=SAFETY_JOB, **common)
        add(self.dispatcher.run, id=DISPATCH_JOB, next_run_time=now, **common)
        add(
            self.heartbeat,
            "interval",
            seconds=RENEW_SECONDS,
            id=HEARTBEAT_JOB,
            next_run_time=now,
            **common,
        )
        add(
            self.housekeeping,
            "interval",
            seconds=HOUSEKEEPING_SECONDS,
            id=HOUSEKEEPING_JOB,
            next_run_time=now + timedelta(minutes=1),
            **common,
        )
        self.scheduler.start()

    def shutdown(self) -> None:
        self.watcher.stop()
        self.dispatcher.kick()  # out of its wait, to see the stop
        self.scheduler.shutdown(wait=True)
        try:  # a send not yet recorded would be sent again after the restart
            record_unrecorded(self.runtime)
        except Exception as err:  # the database is still away: it is, once, after the lease
            log.error("recording earlier sends failed: %s", type(err).__name__)
        self.health.stopped(utcnow())
        self.health.flush(utcnow())

    def after_pass(self, result: InboxPass) -> None:
        self.last_pass = result
        self.notifier.status(status_line(self.watcher, result, self.due_today))
        self.dispatcher.kick()  # the pass may have planned new reminders

    def safety_poll(self) -> None:
        if self.stop.is_set():
            return
        now = utcnow()
        try:
            if self.watcher.holds(now):
                self.watcher.poke()
            process_in_turn(self.runtime, now, self.stop, on_processed=self.dispatcher.kick)
            self.health.ok("database")
        except Exception as err:  # the loop must outlive any one pass
            job_failed(self.health, "processing", err, now)

    def heartbeat(self) -> None:
        if self.stop.is_set():
            return
        now = utcnow()
        try:
            self.watcher.tick(now)
            with self.runtime.sessions() as session:
                self.due_today = _due_today(session, now, self.runtime.config.zone)
        except Exception as err:  # the loop must outlive any one run
            job_failed(self.health, "heartbeat", err, now)
        self.health.flush(now)
        self.notifier.status(status_line(self.watcher, self.last_pass, self.due_today))

    def housekeeping(self) -> None:
        if self.stop.is_set():
            return
        now = utcnow()
        try:
            pruned = leases.prune_expired(self.runtime.sessions, now - PRUNE_LEASES_AFTER)
            forgotten = forget_old_workers(self.runtime.sessions, now)
            log.info("housekeeping: %d old leases, %d old workers removed", pruned, forgotten)
        except Exception as err:  # the loop must outlive any one run
            job_failed(self.health, "housekeeping", err, now)


def run_forever(
    runtime: Runtime,
    *,
    stop: threading.Event | None = None,
    notifier: Notifier | None = None,
    holder: str | None = None,
) -> None:
    """Run every job (see the module doc) until stopped.

    Under systemd (``Type=notify``) it says READY=1 once the scheduler runs, STATUS= on each
    heartbeat (counts and folder names only), WATCHDOG=1 every half watchdog interval from
    the main loop, and STOPPING=1 as soon as it is asked to stop.
    """
    stop = stop or threading.Event()
    notifier = notifier or Notifier.from_environ()
    holder = holder or leases.new_holder_id()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d received: stopping", signum)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)

    jobs = _Jobs(runtime, stop, notifier, holder)
    jobs.start()
    log.info("running as %s: watching the inbox, reminders at their due time", holder)
    notifier.ready(f"watching {jobs.watcher.folder}")
    watchdog = notifier.watchdog_interval()
    ping_every = watchdog / 2 if watchdog else None
    last_ping = time.monotonic()
    try:
        while not stop.wait(timeout=min(1.0, ping_every or 1.0)):
            if ping_every is not None and time.monotonic() - last_ping >= ping_every:
                notifier.watchdog()
                last_ping = time.monotonic()
    finally:
        notifier.stopping("stopping: finishing the current item")
        jobs.shutdown()
        notifier.close()
        log.info("stopped")

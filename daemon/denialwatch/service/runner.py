"""The service loop: one pass drains each stage in turn, then the scheduler waits.

A pass, with the clock read once at its start:

1. fetch: every message in the watched folder not yet in the ledger is stored;
2. process: each stored message gets its outcome (case, attached, review);
3. file: handled messages leave the watched folder for processed / review;
4. remind: reminders that have come due are queued as emails;
5. deliver: queued patient emails are sent.

Each stage is independent of the others' failures: with the IMAP server down, messages
already fetched are still processed and emails still sent; with the SMTP server down,
messages are still fetched and filed. ``run_once`` is one pass; ``run_forever`` runs passes
on an APScheduler interval job until SIGTERM or SIGINT, which only set an Event; the pass
in progress finishes its current item and the scheduler shuts down. A second job, the
dispatcher, runs steps 4 and 5 alone: it is woken at the next reminder's due time (or the
next email retry), not on a fixed poll, and at least every ``safety_interval_seconds``.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

from denialwatch.clock import utcnow
from denialwatch.errors import SourceError, StorageError
from denialwatch.service.delivery import send_due
from denialwatch.service.fetch import fetch_new
from denialwatch.service.filing import file_handled
from denialwatch.service.process import process_pending
from denialwatch.service.reminders import next_due, queue_due
from denialwatch.service.runtime import Runtime

log = logging.getLogger(__name__)


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


def run_pass(runtime: Runtime, now: datetime | None = None) -> PassResult:
    """One pass; ``now`` (UTC) is read from the clock unless a test passes it."""
    now = now or utcnow()
    result = PassResult()
    try:
        with runtime.open_source() as source:
            result.fetched = fetch_new(runtime, source, now)
            result.processed = process_pending(runtime, now)
            result.filed = file_handled(runtime, source, now)
    except (SourceError, StorageError) as err:
        result.errors += 1
        log.error("inbox: %s", err)
        # Messages fetched earlier can still be worked on without the inbox.
        result.processed += process_pending(runtime, now)
    dispatch(runtime, now, result)
    log.info("pass done: %s", result)
    return result


def dispatch(runtime: Runtime, now: datetime, result: PassResult | None = None) -> PassResult:
    """Queue the reminders that have come due and send the emails that are due."""
    result = result or PassResult()
    try:
        result.reminders = queue_due(runtime, now)
        result.sent = send_due(runtime, runtime.sender(), now)
    except StorageError as err:
        result.errors += 1
        log.error("delivery: %s", err)
    return result


def run_once(runtime: Runtime) -> PassResult:
    return run_pass(runtime)


def run_forever(runtime: Runtime, *, stop: threading.Event | None = None) -> None:
    """Run a pass now and then every ``poll_interval_seconds`` until stopped."""
    stop = stop or threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d received: stopping", signum)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)

    def _job() -> None:
        if stop.is_set():
            return
        try:
            run_pass(runtime)
        except Exception as err:  # the loop must outlive any one pass
            log.error("pass failed: %s", type(err).__name__)
        wake_dispatcher(scheduler, runtime)  # the pass may have planned new reminders

    interval = runtime.config.service.poll_interval_seconds
    safety = runtime.config.reminders.safety_interval_seconds
    scheduler = BackgroundScheduler(timezone="UTC")

    def _dispatch_job() -> None:
        if stop.is_set():
            return
        try:
            dispatch(runtime, utcnow())
        except Exception as err:  # the loop must outlive any one run
            log.error("dispatch failed: %s", type(err).__name__)
        wake_dispatcher(scheduler, runtime)

    scheduler.add_job(
        _job,
        "interval",
        seconds=interval,
        id="inbox-pass",
        max_instances=1,
        coalesce=True,
        next_run_time=utcnow(),
    )
    scheduler.add_job(
        _dispatch_job,
        "interval",
        seconds=safety,
        id=DISPATCH_JOB,
        max_instances=1,
        coalesce=True,
    )
    scheduler.start()
    wake_dispatcher(scheduler, runtime)
    log.info("running: a pass every %.0f s, reminders at their due time", interval)
    try:
        while not stop.wait(timeout=1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)
        log.info("stopped")


DISPATCH_JOB = "dispatch"


def wake_dispatcher(scheduler: BaseScheduler, runtime: Runtime) -> None:
    """Move the dispatcher's next run to the next due reminder or email, if that is sooner."""
    due = next_due(runtime)
    job = scheduler.get_job(DISPATCH_JOB)
    if due is None or job is None:
        return
    due = max(due, utcnow())
    if job.next_run_time is None or due < job.next_run_time:
        scheduler.modify_job(DISPATCH_JOB, next_run_time=due)

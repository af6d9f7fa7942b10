"""The dispatcher: reminders queued as they come due, patient emails sent as soon as they are.

``dispatch`` is one run: queue the reminders due by now as emails (``service.reminders``),
then send every due email (``service.delivery``). ``Dispatcher`` is the worker's job that
runs it for as long as the service runs: after each run it sleeps until the next reminder or
email retry falls due, at most ``safety_interval_seconds``, and anything that queues an
email (a message just processed, an inbox pass) can ``kick`` it awake at once. So the first
patient email of a backlog leaves while the rest of the backlog is still being read, and a
reminder goes at its minute, not at the next poll.

A run that fails (the database or the mail server away) is logged and recorded in the
worker's health; the next run comes after a short wait, doubled while the failures last, up
to the safety interval.
"""

from __future__ import annotations

import logging
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from denialwatch.clock import utcnow
from denialwatch.errors import DeliveryError, StorageError
from denialwatch.mail.outgoing import Sender, StoredEmail, batch_of
from denialwatch.service.delivery import send_due
from denialwatch.service.health import Health, job_failed
from denialwatch.service.reminders import next_due, queue_due
from denialwatch.service.runtime import Runtime

log = logging.getLogger(__name__)

IDLE_FLOOR = timedelta(seconds=1)
"""The shortest sleep after a run that found nothing to do, so a row that is due but cannot
be handled yet (quiet hours moved it, reminders are switched off) never makes a busy loop."""
RETRY_FIRST = timedelta(seconds=2)
REMINDER_BATCH = 100
"""Reminders composed per run at most; the next run follows at once while more are due."""


@dataclass
class DispatchResult:
    """What one run did: reminders queued, emails sent, errors met; ``more`` when it stopped
    at a full batch of reminders."""

    reminders: int = 0
    sent: int = 0
    errors: int = 0
    more: bool = False


class _ReportingSender:
    """A sender that records in the worker's health whether the mail server answers."""

    def __init__(self, sender: Sender, health: Health) -> None:
        self._sender = sender
        self._health = health

    def send(self, email: StoredEmail | EmailMessage) -> None:
        try:
            self._sender.send(email)
        except DeliveryError as err:
            if err.permanent:  # the server answered: it refused this email, not us
                self._health.ok("smtp")
            else:
                self._health.failing("smtp", err, utcnow())
            raise
        self._health.ok("smtp")

    def batch(self) -> AbstractContextManager[None]:
        return batch_of(self._sender)


def dispatch(
    runtime: Runtime,
    now: datetime,
    *,
    health: Health | None = None,
    stop: threading.Event | None = None,
    sender: Sender | None = None,
) -> DispatchResult:
    """Send the emails that are due, queue (a batch of) the reminders that have come due, and
    send those; a set ``stop`` ends it between two items, so SIGTERM never waits for a batch."""
    result = DispatchResult()
    sender = sender or runtime.sender()
    if health is not None:
        sender = _ReportingSender(sender, health)
    try:
        # Emails already queued (a case just opened) go before reminders are composed, and
        # reminders are composed a batch at a time, so neither waits long for the other.
        result.sent = send_due(runtime, sender, now, stop)
        due = queue_due(runtime, now, stop, limit=REMINDER_BATCH)
        result.reminders, result.more = due.queued, due.handled >= REMINDER_BATCH
        if due.queued:  # else nothing new is due: a wake-up with nothing to do stays cheap
            result.sent += send_due(runtime, sender, now, stop)
    except StorageError as err:
        result.errors += 1
        log.error("delivery: %s", err)
        if health is not None:
            health.failing("storage", err, now)
    return result


class Dispatcher:
    """The dispatch job of one worker: runs until ``stop`` is set (see the module doc)."""

    def __init__(self, runtime: Runtime, *, stop: threading.Event, health: Health) -> None:
        self.runtime = runtime
        self.health = health
        self._stop = stop
        self._kick = threading.Event()
        self._sender = runtime.sender()
        self._safety = timedelta(seconds=runtime.config.reminders.safety_interval_seconds)

    def kick(self) -> None:
        """Run again now: an email may have been queued (safe from any thread)."""
        self._kick.set()

    def run(self) -> None:
        retry = RETRY_FIRST
        while not self._stop.is_set():
            self._kick.clear()
            now = utcnow()
            try:
                result = dispatch(
                    self.runtime, now, health=self.health, stop=self._stop, sender=self._sender
                )
                busy = bool(result.reminders or result.sent or result.more)
                wait = self._until_next(busy=busy)
                retry = RETRY_FIRST
            except Exception as err:  # the database may be down; the loop must outlive it
                job_failed(self.health, "dispatch", err, now)
                wait, retry = retry, min(retry * 2, self._safety)
            if wait > timedelta(0):
                self._kick.wait(wait.total_seconds())

    def _until_next(self, *, busy: bool) -> timedelta:
        """How long to sleep: until the next due row, within [floor, safety interval]."""
        if self.runtime.unrecorded_sends:
            return timedelta(0)
        due = next_due(self.runtime)
        if due is None:
            return self._safety
        wait = min(due - utcnow(), self._safety)
        return wait if busy else max(wait, IDLE_FLOOR)

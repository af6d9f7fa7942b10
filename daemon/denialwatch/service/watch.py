"""Watching the inbox: one connection held open, a pass whenever the folder changes.

One worker per mailbox watches it, the holder of the lease ``watch:<account>/<folder>``
(``store.leases``, time to live ``LEASE_TTL``, renewed every ``RENEW_SECONDS`` by the
runner's heartbeat job through ``Watcher.tick``). Only the holder fetches and files; every
worker processes stored messages and sends reminders and emails, which their own claims make
safe. A worker that loses the lease (its renewals failed past the time to live, and another
took over) leaves the connection at its next step and stands by.

The holder's loop, in ``Watcher.run`` (a long-running job of the runner's scheduler):

1. connect (``runtime.open_source()``);
2. a pass: fetch what is new, process what is stored (one message at a time, stopping
   between messages when asked to stop), file what is handled;
3. ``wait_for_change``: IMAP IDLE, renewed every ``IDLE_RENEW_SECONDS`` (9 minutes, under
   the 29 that RFC 2177 allows and the 10 that many NAT boxes keep an idle flow); without
   IDLE a sleep of ``poll_interval_seconds``. It returns early when the runner stops the
   service, when the lease is lost, or when the safety poll ``poke``s it;
4. back to 2.

Any ``SourceError`` closes the connection, is logged and recorded for ``status`` (host, step
and cause, never content), and the watcher reconnects after a wait from ``service.backoff``
(1 s doubling to 5 minutes, full jitter; reset by a successful pass). A database error is
treated the same way. Every wait is on an Event, so a stop ends the loop within a second of
the current step.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from denialwatch.clock import utcnow
from denialwatch.errors import SourceError, StorageError
from denialwatch.logs import stack_only
from denialwatch.mail.source import InboxSource
from denialwatch.service.backoff import Backoff
from denialwatch.service.fetch import fetch_new
from denialwatch.service.filing import file_handled
from denialwatch.service.health import Health, describe_error
from denialwatch.service.process import process_in_turn
from denialwatch.service.runtime import Runtime
from denialwatch.store import leases

log = logging.getLogger(__name__)

LEASE_TTL = timedelta(seconds=60)
RENEW_SECONDS = 20.0
LEASE_MARGIN = timedelta(seconds=5)
"""A lease this close to its end counts as lost: stop before another worker may take over."""
IDLE_RENEW_SECONDS = 540.0


@dataclass(frozen=True)
class InboxPass:
    fetched: int = 0
    processed: int = 0
    filed: int = 0


def lease_name(account: str, folder: str) -> str:
    return f"watch:{account}/{folder}"


def inbox_pass(
    runtime: Runtime,
    source: InboxSource,
    now: datetime,
    stop: threading.Event | None = None,
    *,
    on_processed: Callable[[], None] | None = None,
) -> InboxPass:
    """Fetch, process and file with an open source; raises SourceError from the source."""
    fetched = fetch_new(runtime, source, now)
    processed = process_in_turn(runtime, now, stop, on_processed=on_processed)
    filed = file_handled(runtime, source, now)
    return InboxPass(fetched, processed, filed)


class Watcher:
    """The inbox watcher of one worker (see the module doc)."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        holder: str,
        stop: threading.Event,
        health: Health | None = None,
        on_pass: Callable[[InboxPass], None] | None = None,
        on_processed: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        draw: Callable[[], float] = random.random,
        standby_seconds: float = RENEW_SECONDS,
    ) -> None:
        self.runtime = runtime
        self.holder = holder
        self.health = health
        probe = runtime.open_source()  # not connected: only for its names
        self.folder = probe.folder
        self.name = lease_name(probe.account, probe.folder)
        self.state = "starting"
        """starting | watching | standby | reconnecting | stopped: for the status line."""
        self.idle: bool | None = None
        self._stop = stop
        self._wake = threading.Event()
        self._on_pass = on_pass
        self._on_processed = on_processed
        self._clock = clock
        self._draw = draw
        self._lock = threading.Lock()
        self._expires: datetime | None = None
        self._backoff = Backoff()
        self._standby_seconds = standby_seconds

    # The lease.

    def holds(self, now: datetime) -> bool:
        with self._lock:
            return self._expires is not None and now < self._expires - LEASE_MARGIN

    def tick(self, now: datetime | None = None) -> bool:
        """Take or renew the lease; the heartbeat calls it every ``RENEW_SECONDS``."""
        if self._stop.is_set():
            return False
        now = now or self._clock()
        with self._lock:
            try:
                won = leases.acquire(self.runtime.sessions, self.name, self.holder, now, LEASE_TTL)
            except SQLAlchemyError as err:
                if self.health is not None:
                    self.health.failing("database", err, now)
                log.warning("watch lease: cannot renew (%s)", describe_error(err))
                # Keep watching while the lease we had is surely still ours.
                won = self._expires is not None and now < self._expires - LEASE_MARGIN
                if not won:
                    self._lose()
                return won
            if won:
                if self._expires is None:
                    log.info("watch lease: this worker now watches %s", self.folder)
                self._expires = now + LEASE_TTL
            elif self._expires is not None:
                self._lose()
            return won

    def _lose(self) -> None:
        if self._expires is not None:
            log.warning("watch lease: lost; another worker watches %s now", self.folder)
        self._expires = None
        self._wake.set()

    def _release(self) -> None:
        with self._lock:
            if self._expires is None:
                return
            self._expires = None
        try:
            leases.release(self.runtime.sessions, self.name, self.holder)
        except SQLAlchemyError as err:
            log.warning("watch lease: cannot release (%s); it expires", describe_error(err))

    # The loop.

    def poke(self) -> None:
        """Run a pass now (the safety poll), if this worker is watching."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def run(self) -> None:
        """Watch until stopped; never raises."""
        try:
            while not self._stop.is_set():
                if not self.holds(self._clock()) and not self.tick():
                    self.state = "standby"
                    if self.health is not None:
                        self.health.watching(None, None)
                    self._stop.wait(self._standby_seconds)
                    continue
                self._connect_and_watch()
        finally:
            self._release()
            self.state = "stopped"
            if self.health is not None:
                self.health.watching(None, None)

    def _connect_and_watch(self) -> None:
        try:
            with self.runtime.open_source() as source:
                self._watch(source)
        except SourceError as err:
            self._failed("inbox", err)
        except (StorageError, SQLAlchemyError) as err:
            self._failed("storage" if isinstance(err, StorageError) else "database", err)
        except Exception as err:  # the watcher must outlive anything one pass raises
            log.error("watcher: %s\n%s", type(err).__name__, stack_only(err))
            self._failed("inbox", err)

    def _failed(self, component: str, err: BaseException) -> None:
        now = self._clock()
        log.error("%s: %s", component, describe_error(err))
        if self.health is not None:
            self.health.failing(component, err, now)
        self.state = "reconnecting"
        self._backoff = self._backoff.failed()
        delay = self._backoff.delay(self._draw())
        log.info("inbox: trying again in %.1f s (failure %d)", delay, self._backoff.failures)
        self._stop.wait(delay)

    def _watch(self, source: InboxSource) -> None:
        idle = source.idle_supported
        self.idle = idle
        if self.health is not None:
            self.health.watching(self.name, idle)
        self.state = "watching"
        log.info("watching %s (%s)", self.folder, "IDLE" if idle else "polling")
        timeout = (
            IDLE_RENEW_SECONDS
            if idle
            else min(IDLE_RENEW_SECONDS, self.runtime.config.service.poll_interval_seconds)
        )
        while not self._stop.is_set():
            now = self._clock()
            if not self.holds(now):
                return
            self._wake.clear()
            result = inbox_pass(
                self.runtime, source, now, self._stop, on_processed=self._on_processed
            )
            self._backoff = self._backoff.succeeded()
            if self.health is not None:
                self.health.poll_ok(now)
                self.health.ok("database")
            if result.fetched or result.processed or result.filed:
                log.info(
                    "inbox: fetched %d, processed %d, filed %d",
                    result.fetched,
                    result.processed,
                    result.filed,
                )
            if self._on_pass is not None:
                self._on_pass(result)
            if self._stop.is_set():
                return
            source.wait_for_change(timeout, stop=self._wake)

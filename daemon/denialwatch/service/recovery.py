"""Taking back the work of workers that died, when a worker starts.

A worker killed mid-item (SIGKILL, a power cut, the OOM killer) leaves claims on the message,
reminder or email it held, and perhaps the mailbox's watch lease. Nothing is lost: each claim
ends with its lease (ten minutes for a message, five for an email) and another worker takes
the item. But a patient's email should not wait ten minutes because the service restarted.

Claims do not say who holds them, so a starting worker releases them only when it can tell
that no other worker is alive: every other worker's row in ``workers`` has stopped, or is a
process of this host whose pid no longer runs, or has not been seen for ``SILENT`` (three
missed heartbeats). Leases name their holder, so a dead worker's lease is released in any
case. A pid reused by an unrelated process only makes the worker wait out the lease, as
before: recovery can free too little, never too much.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.store.models import Lease, Message, OutgoingEmail, Reminder, Worker

log = logging.getLogger(__name__)

SILENT = timedelta(seconds=60)
"""A worker not seen for this long (three 20-second heartbeats) is taken for dead."""


@dataclass(frozen=True)
class Recovered:
    dead_workers: int
    leases: int
    claims: int


def _pid_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


def _local_pid(holder: str, host: str) -> int | None:
    """The pid in a holder id ``hostname:pid:random`` when the host is this one."""
    their_host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    return int(pid_text) if their_host == host and pid_text.isdigit() else None


def is_dead(worker: Worker, *, me: str, now: datetime, host: str) -> bool:
    """Whether ``worker`` certainly does not run any more (never ``me``)."""
    if worker.id == me:
        return False
    if worker.stopped_at is not None:
        return True
    pid = _local_pid(worker.id, host)
    if pid is not None:
        return not _pid_runs(pid)
    return now - worker.last_seen_at > SILENT


def recover(sessions: sessionmaker[Session], *, me: str, now: datetime) -> Recovered:
    """Release what dead workers held; see the module doc."""
    host = socket.gethostname()
    with sessions() as session, session.begin():
        others = [w for w in session.scalars(select(Worker)) if w.id != me]
        dead = [w for w in others if is_dead(w, me=me, now=now, host=host)]
        leases = 0
        for worker in dead:
            deleted = session.execute(delete(Lease).where(Lease.holder == worker.id))
            assert isinstance(deleted, CursorResult)
            leases += deleted.rowcount
            if worker.stopped_at is None:
                worker.stopped_at = now
        # A worker killed before its first heartbeat holds a lease without a row.
        known = {w.id for w in others}
        for lease in session.scalars(select(Lease).where(Lease.holder != me)):
            pid = _local_pid(lease.holder, host)
            if lease.holder not in known and pid is not None and not _pid_runs(pid):
                session.delete(lease)
                leases += 1
        claims = 0
        if len(dead) == len(others):  # nobody else alive: every claim is a dead one's
            for model in (Message, Reminder, OutgoingEmail):
                released = session.execute(
                    update(model)
                    .where(model.claimed_until.is_not(None), model.claimed_until > now)
                    .values(claimed_until=now)
                )
                assert isinstance(released, CursorResult)
                claims += released.rowcount
    fresh = [w for w in dead if w.stopped_at == now]
    if fresh or leases or claims:
        log.info(
            "recovered after %d stopped worker(s): %d lease(s), %d claim(s) released",
            len(fresh),
            leases,
            claims,
        )
    return Recovered(len(fresh), leases, claims)

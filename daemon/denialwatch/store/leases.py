"""Named leases: a job only one worker may do at a time, such as watching one mailbox.

A lease is a row (name, holder, expires_at). ``acquire`` takes it when it is free, takes it
over when it has expired, and renews it when the caller already holds it, atomically on
SQLite and PostgreSQL alike:

1. an UPDATE whose WHERE is the compare-and-set "expired, or mine": of two workers racing
   for an expired lease, the database lets exactly one see ``rowcount == 1`` (PostgreSQL
   re-checks the WHERE against the winner's row once its transaction commits);
2. when no row exists yet, an INSERT; the primary key lets exactly one INSERT through and
   the others get an IntegrityError, which means "someone else holds it".

A holder that dies keeps the lease until it expires; a holder that stops ``release``s it so
another worker can take over at once. The clock is an argument, read by the caller; the
holders' clocks should agree to well within a lease's time to live.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.store.models import Lease


@dataclass(frozen=True)
class LeaseState:
    name: str
    holder: str
    expires_at: datetime


def new_holder_id() -> str:
    """A worker's identity for leases and status: ``hostname:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def acquire(
    sessions: sessionmaker[Session], name: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Take, take over or renew ``name`` until ``now + ttl``; whether ``holder`` has it now."""
    expires_at = now + ttl
    with sessions() as session:
        result = session.execute(
            update(Lease)
            .where(Lease.name == name, or_(Lease.expires_at < now, Lease.holder == holder))
            .values(holder=holder, expires_at=expires_at)
        )
        session.commit()
        assert isinstance(result, CursorResult)
        if result.rowcount == 1:
            return True
        if session.get(Lease, name) is not None:
            return False  # held by someone else, and not expired
        session.add(Lease(name=name, holder=holder, expires_at=expires_at))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False  # another worker inserted it first
    return True


def release(sessions: sessionmaker[Session], name: str, holder: str) -> bool:
    """Give the lease up, if ``holder`` still has it; whether it did."""
    with sessions() as session:
        result = session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
        session.commit()
        assert isinstance(result, CursorResult)
        return result.rowcount == 1


def current(sessions: sessionmaker[Session], name: str, now: datetime) -> LeaseState | None:
    """Who holds ``name`` now (None when nobody does, or the lease has expired)."""
    with sessions() as session:
        lease = session.get(Lease, name)
        if lease is None or lease.expires_at < now:
            return None
        return LeaseState(lease.name, lease.holder, lease.expires_at)


def held(sessions: sessionmaker[Session], now: datetime) -> list[LeaseState]:
    """Every lease not yet expired, by name."""
    with sessions() as session:
        rows = session.scalars(select(Lease).where(Lease.expires_at >= now).order_by(Lease.name))
        return [LeaseState(r.name, r.holder, r.expires_at) for r in rows]


def prune_expired(sessions: sessionmaker[Session], before: datetime) -> int:
    """Delete leases that expired before ``before`` (housekeeping); how many."""
    with sessions() as session:
        result = session.execute(delete(Lease).where(Lease.expires_at < before))
        session.commit()
        assert isinstance(result, CursorResult)
        return result.rowcount

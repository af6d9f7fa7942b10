"""Claiming rows of work with a compare-and-set lease, so no two workers take the same.

A row is free when its ``claimed_until`` is empty or past. A worker claims it by setting
``claimed_until`` to now + lease in an UPDATE whose WHERE repeats every condition that made
the row ready and free; exactly one worker sees ``rowcount == 1``. A worker that dies
holding a claim loses it when the lease ends, and another takes the row. The worker clears
``claimed_until`` when it records the outcome.

``claim_next`` claims one row (a message: each is long work); ``claim_batch`` claims up to
``limit`` in one statement, built by ``claim`` (reminders and emails: each is a few
milliseconds, and a claim per row was most of the round trips of sending one). The
statement chooses its rows in a materialised CTE with ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so workers claiming at the same moment take different rows instead of queueing
behind each other's locks, and repeats the ready and free conditions in the UPDATE's own
WHERE, which PostgreSQL re-checks on a row's newest version: a row another worker claimed in
between is not taken twice. SQLite has one writer at a time. Rows a stopping worker will
not get to are given back with ``release``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Update, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.store.models import Message, OutgoingEmail, Reminder

CANDIDATES = 5
"""Rows looked at per claim: enough to step past ones another worker just took."""


def claim_next(
    sessions: sessionmaker[Session],
    model: type[Message] | type[OutgoingEmail] | type[Reminder],
    *,
    ready: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    now: datetime,
    lease: timedelta,
    also: Mapping[str, Any] | None = None,
) -> int | None:
    """Claim the first ready, free row of ``model``; its id, or None when there is none.
    ``also``: more column values the claiming statement sets (a counter)."""
    free = or_(model.claimed_until.is_(None), model.claimed_until < now)
    with sessions() as session:
        candidates = session.scalars(
            select(model.id).where(*ready, free).order_by(*order_by).limit(CANDIDATES)
        ).all()
        for row_id in candidates:
            result = session.execute(
                update(model)
                .where(model.id == row_id, *ready, free)
                .values(claimed_until=now + lease, **(also or {}))
            )
            session.commit()
            assert isinstance(result, CursorResult)
            if result.rowcount == 1:
                return row_id
    return None


@dataclass(frozen=True)
class BatchClaim:
    """The statement that claims a batch (``claim``), and how to read what it returns."""

    statement: Update
    width: int
    """Leading values of a returned row that the caller asked for: the id and ``columns``;
    the order values follow."""


def claim(
    model: type[OutgoingEmail] | type[Reminder],
    *,
    ready: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    now: datetime,
    lease: timedelta,
    limit: int,
    columns: Sequence[Any] = (),
) -> BatchClaim:
    """The UPDATE ... RETURNING that claims up to ``limit`` ready, free rows of ``model`` (see
    the module doc)."""
    free = or_(model.claimed_until.is_(None), model.claimed_until < now)
    # Chosen once, in a materialised CTE: as a subquery PostgreSQL may run it again for each
    # row it updates, and each run skips the rows this statement has just locked and takes
    # the next ones, past the limit.
    chosen = (
        select(model.id)
        .where(*ready, free)
        .order_by(*order_by)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("chosen")
        .prefix_with("MATERIALIZED")
    )
    statement = (
        update(model)
        .where(model.id.in_(select(chosen.c.id)), *ready, free)
        .values(claimed_until=now + lease)
        .returning(model.id, *columns, *order_by)
        .execution_options(synchronize_session=False)
    )
    return BatchClaim(statement, 1 + len(columns))


def claim_batch(sessions: sessionmaker[Session], batch: BatchClaim) -> list[tuple[Any, ...]]:
    """Run ``batch``: ``(id, *columns)`` of each row claimed, in its ``order_by`` order."""
    with sessions() as session:
        rows = [tuple(row) for row in session.execute(batch.statement)]
        session.commit()
    rows.sort(key=lambda row: row[batch.width :])
    return [row[: batch.width] for row in rows]


def work_through(
    sessions: sessionmaker[Session],
    model: type[OutgoingEmail] | type[Reminder],
    ids: Sequence[int],
    work: Callable[[int], None],
    *,
    claimed_until: datetime,
    stop: threading.Event | None = None,
) -> int:
    """Work on claimed rows in turn, until ``stop`` is set between two; returns how many were
    started. The rows not started are given back (``release``). A row whose work raises
    keeps its claim until the lease ends, so the next run starts with the rows after it
    rather than with it again: one failing row cannot hold up the others."""
    started = 0
    try:
        for row_id in ids:
            if stop is not None and stop.is_set():
                break
            started += 1
            work(row_id)
    finally:
        release(sessions, model, ids[started:], claimed_until=claimed_until)
    return started


def release(
    sessions: sessionmaker[Session],
    model: type[OutgoingEmail] | type[Reminder],
    ids: Sequence[int],
    *,
    claimed_until: datetime,
) -> None:
    """Give back claims this worker took (``claimed_until`` as it set them) and will not work
    on: a stopping worker's rows go to the next worker at once, not when the lease ends.

    Best effort: when the database is away, the lease ends them anyway."""
    if not ids:
        return
    try:
        with sessions() as session:
            session.execute(
                update(model)
                .where(model.id.in_(ids), model.claimed_until == claimed_until)
                .values(claimed_until=None)
                .execution_options(synchronize_session=False)
            )
            session.commit()
    except SQLAlchemyError:
        pass

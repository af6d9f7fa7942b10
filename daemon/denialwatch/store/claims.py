"""Claiming one row of work with a compare-and-set lease, so no two workers take the same.

A row is free when its ``claimed_until`` is empty or past. A worker claims it by setting
``claimed_until`` to now + lease in an UPDATE whose WHERE repeats every condition that made
the row ready and free; exactly one worker sees ``rowcount == 1``. A worker that dies
holding a claim loses it when the lease ends, and another takes the row. The worker clears
``claimed_until`` when it records the outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, or_, select, update
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
) -> int | None:
    """Claim the first ready, free row of ``model``; its id, or None when there is none."""
    free = or_(model.claimed_until.is_(None), model.claimed_until < now)
    with sessions() as session:
        candidates = session.scalars(
            select(model.id).where(*ready, free).order_by(*order_by).limit(CANDIDATES)
        ).all()
        for row_id in candidates:
            result = session.execute(
                update(model)
                .where(model.id == row_id, *ready, free)
                .values(claimed_until=now + lease)
            )
            session.commit()
            assert isinstance(result, CursorResult)
            if result.rowcount == 1:
                return row_id
    return None

"""When the dispatcher next has work: read along the due index, yet the exact minimum."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from denialwatch.service.reminders import NEXT_DUE_WINDOW, next_free
from denialwatch.service.runtime import Runtime
from denialwatch.store.models import Reminder
from tests.support.rows import runtime_with_open_cases

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
Row = tuple[int, int | None]
"""A pending reminder: due this many minutes from NOW, claimed until that many (or not)."""


@pytest.fixture
def runtime(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    with runtime_with_open_cases(tmp_path, database_url, 1, NOW) as runtime:
        yield runtime


def store(runtime: Runtime, rows: list[Row], *, other: int = 0) -> None:
    """Replace the reminders with ``rows`` (pending) and ``other`` sent ones due first."""
    with runtime.engine.begin() as connection:
        connection.execute(delete(Reminder))
        values = [
            {"case_id": 1, "key": f"k{n}", "kind": "imr_available", "status": status,
             "due_at": NOW + timedelta(minutes=due), "about": None, "deadline_kind": None,
             "claimed_until": None if claim is None else NOW + timedelta(minutes=claim),
             "created_at": NOW, "updated_at": NOW}
            for n, (due, claim, status) in enumerate(
                [*((-10_000 - n, None, "sent") for n in range(other)),
                 *((due, claim, "pending") for due, claim in rows)]
            )
        ]  # fmt: skip
        if values:
            connection.execute(insert(Reminder), values)


def expected(rows: list[Row]) -> datetime | None:
    """The definition: the smallest of each row's due time, or its claim's end if later."""
    times = [max(due, claim) if claim is not None else due for due, claim in rows]
    return NOW + timedelta(minutes=min(times)) if times else None


def found(runtime: Runtime) -> datetime | None:
    with runtime.sessions() as session:
        return next_free(session, Reminder, Reminder.due_at)


rows = st.lists(st.tuples(st.integers(-600, 600), st.none() | st.integers(-600, 900)), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows, other=st.integers(0, 3))
def test_matches_the_definition(runtime: Runtime, rows: list[Row], other: int) -> None:
    store(runtime, rows, other=other)
    assert found(runtime) == expected(rows)


def test_a_window_full_of_claims_falls_back_to_the_exact_minimum(runtime: Runtime) -> None:
    """More rows held than the window reads: the free row behind them still counts."""
    held = [(minute, 500 - minute) for minute in range(NEXT_DUE_WINDOW + 5)]
    free_later = (NEXT_DUE_WINDOW + 10, None)
    store(runtime, [*held, free_later])
    assert found(runtime) == expected([*held, free_later]) == NOW + timedelta(minutes=60)


def test_nothing_pending_is_none(runtime: Runtime) -> None:
    store(runtime, [], other=2)
    assert found(runtime) is None

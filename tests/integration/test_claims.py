"""Claiming reminders and emails a batch at a time: each row to one worker, in due order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from denialwatch.service.reminders import LEASE, UNKNOWN_KIND, claim_due, queue_due
from denialwatch.service.runtime import Runtime
from denialwatch.store.claims import release, work_through
from denialwatch.store.models import Reminder
from tests.support.rows import runtime_with_open_cases

NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)  # a Tuesday, 11:00 in California


@pytest.fixture
def runtime(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    with runtime_with_open_cases(tmp_path, database_url, 40, NOW) as runtime:
        yield runtime


def add_reminders(runtime: Runtime, dues: list[int], claimed: dict[int, int] | None = None) -> None:
    """One pending reminder per entry, due that many minutes from NOW, each on a case of its
    own; ``claimed`` maps an index to minutes from NOW its claim lasts."""
    claimed = claimed or {}
    with runtime.engine.begin() as connection:
        connection.execute(
            insert(Reminder),
            [{"id": n + 1, "case_id": n + 1, "key": f"k{n}", "kind": "imr_available",
              "status": "pending", "due_at": NOW + timedelta(minutes=due), "about": None,
              "deadline_kind": None, "created_at": NOW, "updated_at": NOW,
              "claimed_until": None if n not in claimed
              else NOW + timedelta(minutes=claimed[n])}
             for n, due in enumerate(dues)],
        )  # fmt: skip


def claims(runtime: Runtime) -> dict[int, datetime | None]:
    with runtime.sessions() as session:
        return {r.id: r.claimed_until for r in session.scalars(select(Reminder))}


def test_a_batch_is_the_earliest_due_free_rows(runtime: Runtime) -> None:
    #                   0    1   2    3   4  5 (not due yet)
    add_reminders(runtime, [-5, -50, -1, -30, -9, 10], claimed={3: 2, 4: -1})
    # 3 is held by another worker; 4's claim ran out: free again.
    assert claim_due(runtime, NOW, 3) == [2, 5, 1]
    assert claim_due(runtime, NOW, 3) == [3]
    assert claim_due(runtime, NOW, 3) == []
    held = claims(runtime)
    assert {n for n, until in held.items() if until == NOW + LEASE} == {1, 2, 3, 5}
    # When their lease ends, the rows can be claimed again (the worker died).
    assert claim_due(runtime, NOW + LEASE + timedelta(seconds=1), 10) == [2, 4, 5, 1, 3]


def test_released_claims_are_free_at_once_and_only_ours_are_released(runtime: Runtime) -> None:
    add_reminders(runtime, [-3, -2, -1])
    assert claim_due(runtime, NOW, 2) == [1, 2]
    later = NOW + timedelta(minutes=1)
    assert claim_due(runtime, later, 5) == [3]  # another worker's claim, a minute later
    release(runtime.sessions, Reminder, [2, 3], claimed_until=NOW + LEASE)
    assert claims(runtime) == {1: NOW + LEASE, 2: None, 3: later + LEASE}


def test_workers_claiming_at_once_each_get_different_rows(runtime: Runtime) -> None:
    count = 40
    add_reminders(runtime, [-n for n in range(count)])
    got: list[list[int]] = [[] for _ in range(4)]
    start = threading.Barrier(len(got))

    def worker(mine: list[int]) -> None:
        start.wait()
        while batch := claim_due(runtime, NOW, 3):
            mine.extend(batch)

    threads = [threading.Thread(target=worker, args=(mine,)) for mine in got]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = [n for mine in got for n in mine]
    assert sorted(every) == list(range(1, count + 1))  # each row once, none left


class _StopAfter(threading.Event):
    """A stop event that is set once it has been asked ``n`` times (a SIGTERM mid-batch)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.asked = 0
        self.n = n

    def is_set(self) -> bool:
        self.asked += 1
        return self.asked > self.n


def test_a_stop_mid_batch_gives_the_unhandled_claims_back(runtime: Runtime) -> None:
    add_reminders(runtime, [-5, -4, -3, -2, -1])
    # Asked before claiming, then before each reminder: two are handled, then it stops.
    done = queue_due(runtime, NOW, _StopAfter(3))
    assert (done.handled, done.queued) == (2, 2)
    with runtime.sessions() as session:
        rows = {r.id: (r.status, r.claimed_until) for r in session.scalars(select(Reminder))}
    assert rows == {
        1: ("queued", None),
        2: ("queued", None),
        3: ("pending", None),
        4: ("pending", None),
        5: ("pending", None),
    }


def test_a_row_whose_work_fails_keeps_its_claim_and_the_rest_are_given_back(
    runtime: Runtime,
) -> None:
    add_reminders(runtime, [-5, -4, -3, -2])
    claimed = claim_due(runtime, NOW, 4)
    worked: list[int] = []

    def work(reminder_id: int) -> None:
        if reminder_id == 2:
            raise RuntimeError("composing failed")
        worked.append(reminder_id)

    with pytest.raises(RuntimeError):
        work_through(runtime.sessions, Reminder, claimed, work, claimed_until=NOW + LEASE)
    assert worked == [1]
    assert claims(runtime) == {1: NOW + LEASE, 2: NOW + LEASE, 3: None, 4: None}


def test_a_reminder_of_a_kind_this_version_does_not_know_is_set_aside_with_a_reason(
    runtime: Runtime,
) -> None:
    add_reminders(runtime, [-5, -4, -3])
    with runtime.engine.begin() as connection:  # written by another version, since retired
        connection.execute(update(Reminder).where(Reminder.id == 1).values(kind="retired_kind"))
    done = queue_due(runtime, NOW)
    assert (done.handled, done.queued) == (3, 2)
    with runtime.sessions() as session:
        rows = {
            r.id: (r.status, r.cancel_reason, r.claimed_until)
            for r in session.scalars(select(Reminder))
        }
    assert rows == {
        1: ("cancelled", UNKNOWN_KIND, None),
        2: ("queued", None, None),
        3: ("queued", None, None),
    }
    # Nothing is left for the dispatcher to retry.
    assert queue_due(runtime, NOW + LEASE + timedelta(seconds=1)).handled == 0

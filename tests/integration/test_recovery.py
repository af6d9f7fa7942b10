"""A worker that starts after a crash takes back what the dead worker held, and only that."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from denialwatch.service.recovery import SILENT, recover
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.store.models import Lease, Message, Worker
from tests.conftest import make_config

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
HOST = socket.gethostname()


def finished_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


@pytest.fixture
def runtime(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = build_runtime(make_config(tmp_path, database_url))
    yield runtime
    runtime.close()


def worker(worker_id: str, *, seen: datetime = NOW) -> Worker:
    return Worker(id=worker_id, started_at=seen, last_seen_at=seen)


def seed(runtime: Runtime, *workers: Worker) -> None:
    with runtime.sessions() as session, session.begin():
        session.add_all(workers)
        session.add(
            Lease(
                name="watch:a/INBOX", holder=workers[0].id, expires_at=NOW + timedelta(seconds=50)
            )
        )
        session.add(
            Message(
                sha256="a" * 64, size=1, received_at=NOW, claimed_until=NOW + timedelta(minutes=9)
            )
        )


def claims_and_leases(runtime: Runtime) -> tuple[list[datetime | None], list[str]]:
    with runtime.sessions() as session:
        claims = [m.claimed_until for m in session.query(Message)]
        holders = [lease.holder for lease in session.query(Lease)]
    return claims, holders


def test_a_dead_local_worker_leaves_nothing_held(runtime: Runtime) -> None:
    dead = worker(f"{HOST}:{finished_pid()}:abcd")
    seed(runtime, dead)
    found = recover(runtime.sessions, me=f"{HOST}:1:me", now=NOW)
    assert (found.dead_workers, found.leases, found.claims) == (1, 1, 1)
    claims, holders = claims_and_leases(runtime)
    assert holders == []
    assert claims == [NOW]


def test_a_live_worker_keeps_its_claims_and_lease(runtime: Runtime) -> None:
    alive = worker(f"{HOST}:{os.getpid()}:live")
    seed(runtime, alive)
    found = recover(runtime.sessions, me=f"{HOST}:1:me", now=NOW)
    assert (found.dead_workers, found.leases, found.claims) == (0, 0, 0)
    _, holders = claims_and_leases(runtime)
    assert holders == [alive.id]


def test_a_silent_remote_worker_is_dead_a_recent_one_is_not(runtime: Runtime) -> None:
    silent = worker("elsewhere.example:42:old", seen=NOW - SILENT - timedelta(seconds=1))
    recent = worker("elsewhere.example:43:new", seen=NOW - timedelta(seconds=5))
    seed(runtime, silent, recent)
    found = recover(runtime.sessions, me=f"{HOST}:1:me", now=NOW)
    # The silent one's lease goes; the recent one may still hold claims, so none are freed.
    assert (found.dead_workers, found.leases, found.claims) == (1, 1, 0)

"""Named leases on SQLite and PostgreSQL: one holder at a time, expiry, renewal, release."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.store import leases
from denialwatch.store.db import make_engine, session_factory, upgrade

T0 = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
TTL = timedelta(seconds=60)
NAME = "watch:denials@example.org/INBOX"


@pytest.fixture
def sessions(database_url: str, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def test_one_holder_at_a_time(sessions: sessionmaker[Session]) -> None:
    assert leases.acquire(sessions, NAME, "a", T0, TTL)
    assert not leases.acquire(sessions, NAME, "b", T0 + timedelta(seconds=30), TTL)
    state = leases.current(sessions, NAME, T0 + timedelta(seconds=30))
    assert state is not None
    assert state.holder == "a"
    # Another name is another lease.
    assert leases.acquire(sessions, "watch:other/INBOX", "b", T0, TTL)


def test_an_expired_lease_is_taken_over(sessions: sessionmaker[Session]) -> None:
    assert leases.acquire(sessions, NAME, "a", T0, TTL)
    later = T0 + TTL + timedelta(seconds=1)
    assert leases.current(sessions, NAME, later) is None
    assert leases.acquire(sessions, NAME, "b", later, TTL)
    assert not leases.acquire(sessions, NAME, "a", later, TTL)
    state = leases.current(sessions, NAME, later)
    assert state is not None
    assert state.holder == "b"


def test_the_holder_renews_its_lease(sessions: sessionmaker[Session]) -> None:
    assert leases.acquire(sessions, NAME, "a", T0, TTL)
    assert leases.acquire(sessions, NAME, "a", T0 + timedelta(seconds=50), TTL)
    # Past the first expiry, the renewal still stands: nobody else can take it.
    assert not leases.acquire(sessions, NAME, "b", T0 + timedelta(seconds=90), TTL)
    state = leases.current(sessions, NAME, T0 + timedelta(seconds=90))
    assert state is not None
    assert state.expires_at == T0 + timedelta(seconds=110)


def test_release_frees_the_lease_only_for_its_holder(sessions: sessionmaker[Session]) -> None:
    assert leases.acquire(sessions, NAME, "a", T0, TTL)
    assert not leases.release(sessions, NAME, "b")
    assert not leases.acquire(sessions, NAME, "b", T0, TTL)
    assert leases.release(sessions, NAME, "a")
    assert leases.acquire(sessions, NAME, "b", T0, TTL)


def test_prune_deletes_only_long_expired_leases(sessions: sessionmaker[Session]) -> None:
    assert leases.acquire(sessions, "old", "a", T0 - timedelta(days=2), TTL)
    assert leases.acquire(sessions, NAME, "a", T0, TTL)
    assert leases.prune_expired(sessions, T0 - timedelta(days=1)) == 1
    assert [lease.name for lease in leases.held(sessions, T0)] == [NAME]


@pytest.mark.parametrize("existing", ["none", "expired"])
def test_of_threads_racing_for_a_lease_exactly_one_wins(
    sessions: sessionmaker[Session], existing: str
) -> None:
    if existing == "expired":
        assert leases.acquire(sessions, NAME, "old", T0 - timedelta(hours=1), TTL)
    barrier = threading.Barrier(8)
    results: dict[str, bool] = {}
    errors: list[BaseException] = []

    def race(holder: str) -> None:
        try:
            barrier.wait(timeout=10)
            results[holder] = leases.acquire(sessions, NAME, holder, T0, TTL)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=race, args=(f"worker-{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    winners = [holder for holder, won in results.items() if won]
    assert len(results) == 8
    assert len(winners) == 1
    state = leases.current(sessions, NAME, T0)
    assert state is not None
    assert state.holder == winners[0]


def test_holder_ids_name_the_host_and_process() -> None:
    first, second = leases.new_holder_id(), leases.new_holder_id()
    assert first != second
    host, pid, _random = first.split(":")
    assert host
    assert pid.isdigit()

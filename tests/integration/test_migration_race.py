"""Several workers starting at once on a new PostgreSQL database: one migrates, none fails.

Each worker is its own process, as in service (Alembic's environment is process-global).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from denialwatch.store.db import make_engine, schema_status

MIGRATE = """
import sys, time
from denialwatch.store.db import make_engine, upgrade
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.005)
engine = make_engine(sys.argv[1])
upgrade(engine)
engine.dispose()
"""


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_three_workers_migrating_a_new_database_at_once(database_url: str) -> None:
    import time

    start = f"{time.time() + 3:.3f}"  # after all three have imported the package
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, database_url, start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [worker.communicate(timeout=120) for worker in workers]
    assert [w.returncode for w in workers] == [0, 0, 0], [err for _, err in results]
    engine = make_engine(database_url)
    try:
        current, head = schema_status(engine)
    finally:
        engine.dispose()
    assert current == head

"""Rows written straight into a database, for tests of the store's queries at the SQL level."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, insert

from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.store.models import Case, Patient
from tests.conftest import make_config


def open_cases(connection: Connection, count: int, now: datetime) -> None:
    """Patients 1..``count``, each with one open case of the same id."""
    connection.execute(
        insert(Patient),
        [{"id": n, "email": f"p{n}@example.com", "name": f"Pat {n}", "language": "en",
          "timezone": None, "created_at": now} for n in range(1, count + 1)],
    )  # fmt: skip
    connection.execute(
        insert(Case),
        [{"id": n, "patient_id": n, "status": "open", "insurer": "Plan", "regulator": "dmhc",
          "category": "medical_necessity", "urgent": False, "created_at": now,
          "updated_at": now} for n in range(1, count + 1)],
    )  # fmt: skip


@contextmanager
def runtime_with_open_cases(
    directory: Path, database_url: str, count: int, now: datetime
) -> Iterator[Runtime]:
    """A runtime over ``database_url`` holding ``count`` open cases (``open_cases``)."""
    runtime = build_runtime(make_config(directory, database_url))
    try:
        with runtime.engine.begin() as connection:
            open_cases(connection, count, now)
        yield runtime
    finally:
        runtime.close()

"""Rows written straight into a database, for tests of the store's queries at the SQL level."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert

from denialwatch.store.models import Case, Patient


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

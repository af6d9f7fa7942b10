"""Reminders at scale: many open cases and reminder rows; dispatching the due, and idling.

For each database (SQLite file, PostgreSQL database ``dw_bench_reminders`` created afresh)
``--cases`` open cases (one patient each) and ``--reminders`` reminder rows are bulk-inserted
with SQL (``INSERT`` of 10,000-row batches; not through the pipeline). ``--due`` of them
are due at the benchmark's fixed ``NOW`` (a Tuesday, 11:00 in California: outside the quiet
hours), the rest over the next year. Then, in this process, with the service's own code:

- **dispatch**: ``dispatcher.dispatch``, run until nothing is left (as the dispatcher job
  does), claims, composes and queues every due reminder and sends its email to a local
  SMTP server (aiosmtpd); timed until the last run returns;
- **idle wake-up**: the dispatcher's job with nothing due (``next_due`` and ``dispatch``),
  repeated ``--idle-runs`` times; median and p95;
- **query plans**: ``EXPLAIN QUERY PLAN`` (SQLite) / ``EXPLAIN ANALYZE`` (PostgreSQL) of the
  claim's due query and of ``next_due``'s.

    .venv/bin/python -m bench.reminders              # 100,000 cases, 500,000 reminders
    .venv/bin/python -m bench.reminders --quick      # 10,000 cases, 50,000 reminders
    .venv/bin/python -m bench.reminders --database sqlite
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, text
from tests.conftest import make_config
from tests.support.smtp import running_smtp

from bench.common import (
    POSTGRES_URL,
    Verdict,
    fresh_postgres_database,
    load_average,
    median,
    percentile,
    print_header,
    print_verdicts,
    table,
)

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
DISPATCH_TARGET = 20.0
IDLE_TARGET_MS = 10.0
BATCH = 10_000


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def populate(engine: Engine, cases: int, reminders: int, due: int) -> float:
    """Bulk-insert the patients, cases and reminders; the seconds it took."""
    from denialwatch.store.models import Case, Patient, Reminder

    started = time.perf_counter()
    created = NOW - timedelta(days=30)
    patients = (
        {"id": n, "email": f"p{n}@example.com", "name": f"Pat {n}", "language": "en",
         "timezone": None, "created_at": created}
        for n in range(1, cases + 1)
    )  # fmt: skip
    case_rows = (
        {"id": n, "patient_id": n, "status": "open", "insurer": "Bench Health Plan",
         "regulator": "dmhc", "category": "medical_necessity", "urgent": False,
         "member_id": f"M{n:09d}", "reference_number": f"R-{n}", "reference_key": f"R{n}",
         "service": "lumbar fusion", "created_at": created, "updated_at": created}
        for n in range(1, cases + 1)
    )  # fmt: skip

    def reminder_rows() -> Iterator[dict[str, Any]]:
        for n in range(reminders):
            is_due = n < due
            yield {
                "case_id": 1 + n % cases,
                "key": f"bench.{n // cases}",
                "kind": "imr_available",
                "due_at": NOW - timedelta(minutes=1 + n % 50)
                if is_due
                else NOW + timedelta(hours=1 + n % (365 * 24)),
                "about": None,
                "deadline_kind": None,
                "status": "pending",
                "created_at": created,
                "updated_at": created,
            }

    with engine.begin() as connection:
        for model, rows in (
            (Patient, patients),
            (Case, case_rows),
            (Reminder, reminder_rows()),
        ):
            for batch in _batches(iter(rows)):
                connection.execute(insert(model), batch)
        if engine.dialect.name == "postgresql":
            for name in ("patients", "cases"):
                connection.execute(
                    text(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))")  # noqa: S608
                )
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def due_queries() -> dict[str, Any]:
    """The dispatcher's statements as the service builds them (``due_claim``, ``next_due``)."""
    from denialwatch.service.reminders import CLAIM_BATCH, due_claim, first_pending
    from denialwatch.store.models import OutgoingEmail, Reminder

    return {
        "claim (a batch of due reminders)": due_claim(NOW, CLAIM_BATCH).statement,
        "next_due: reminders": first_pending(Reminder, Reminder.due_at),
        "next_due: emails": first_pending(OutgoingEmail, OutgoingEmail.next_attempt_at),
    }


def plans(engine: Engine) -> list[str]:
    lines: list[str] = []
    for name, query in due_queries().items():
        sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
        explain = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN ANALYZE "
        with engine.connect() as connection:  # rolled back: the claim's UPDATE claims nothing
            rows = connection.execute(text(explain + sql)).all()
        lines.append(f"-- {name}")
        lines += ["   " + " | ".join(str(v) for v in row[-1:]) for row in rows]
    return lines


def dispatch_all(runtime: Any) -> Any:
    """Dispatcher runs until nothing is left to do, as the service's dispatcher job does
    (each run composes at most a batch of reminders); the runs' totals."""
    from denialwatch.service.dispatcher import DispatchResult, dispatch

    total = DispatchResult()
    sender = runtime.sender()
    while True:
        run = dispatch(runtime, NOW, sender=sender)
        total.reminders += run.reminders
        total.sent += run.sent
        total.errors += run.errors
        if not (run.reminders or run.sent or run.more):
            return total


def bench_database(
    label: str, *, url: str, cases: int, reminders: int, due: int, idle_runs: int, smtp_dir: Any
) -> tuple[list[object], list[str]]:
    from denialwatch.service.dispatcher import dispatch
    from denialwatch.service.reminders import next_due
    from denialwatch.service.runtime import build_runtime

    with running_smtp(smtp_dir) as smtp:
        config = make_config(
            smtp_dir / label,
            url,
            outgoing=smtp.outgoing_config().model_dump(
                exclude_none=True, exclude={"password", "password_source"}
            ),
        )
        runtime = build_runtime(config)
        try:
            seconds_to_fill = populate(runtime.engine, cases, reminders, due)
            print(f"{label}: {cases} cases, {reminders} reminders in {seconds_to_fill:.0f} s")
            explained = [f"== {label} (before dispatch) ==", *plans(runtime.engine)]
            load = load_average()
            started = time.perf_counter()
            result = dispatch_all(runtime)
            dispatch_seconds = time.perf_counter() - started
            print(
                f"{label}: queued {result.reminders}, sent {result.sent}, "
                f"errors {result.errors}; SMTP received {len(smtp.received)}"
            )
            idle_next: list[float] = []
            idle_dispatch: list[float] = []
            sender = runtime.sender()  # the dispatcher job keeps one sender
            for _ in range(idle_runs):
                began = time.perf_counter()
                next_due(runtime)
                idle_next.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                dispatch(runtime, NOW, sender=sender)
                idle_dispatch.append((time.perf_counter() - began) * 1000)
            wake = [a + b for a, b in zip(idle_next, idle_dispatch, strict=True)]
        finally:
            runtime.close()
    row: list[object] = [
        label,
        cases,
        reminders,
        f"{result.reminders} queued / {result.sent} sent",
        f"{dispatch_seconds:.1f}",
        f"{median(idle_next):.2f} / {percentile(idle_next, 0.95):.2f}",
        f"{median(wake):.2f} / {percentile(wake, 0.95):.2f}",
        load,
    ]
    return [row, dispatch_seconds, percentile(wake, 0.5), result.sent], explained


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--reminders", type=int, default=500_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--idle-runs", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="10,000 cases, 50,000 reminders")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), action="append", help="default: both"
    )
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    args = parser.parse_args(argv)
    cases, reminders = (10_000, 50_000) if args.quick else (args.cases, args.reminders)
    databases = args.database or ["sqlite", "postgresql"]
    print_header(
        "reminders at scale",
        {"cases": cases, "reminders": reminders, "due": args.due, "now": NOW.isoformat()},
    )
    import tempfile
    from pathlib import Path

    rows: list[list[object]] = []
    verdicts: list[Verdict] = []
    explained: list[str] = []
    with tempfile.TemporaryDirectory(prefix="denialwatch-bench-") as directory:
        for database in databases:
            url = (
                f"sqlite:///{Path(directory) / 'reminders.db'}"
                if database == "sqlite"
                else fresh_postgres_database("dw_bench_reminders", args.postgres_url)
            )
            found, plan = bench_database(
                database,
                url=url,
                cases=cases,
                reminders=reminders,
                due=args.due,
                idle_runs=args.idle_runs,
                smtp_dir=Path(directory),
            )
            row, seconds, wake_ms, sent = found
            rows.append(row)  # type: ignore[arg-type]
            explained += plan
            verdicts.append(
                Verdict(
                    f"{database}: {args.due} reminders < {DISPATCH_TARGET:g} s",
                    f"{sent} sent in {seconds:.1f} s",
                    sent == args.due and float(seconds) < DISPATCH_TARGET,  # type: ignore[arg-type]
                )
            )
            verdicts.append(
                Verdict(
                    f"{database}: idle wake-up < {IDLE_TARGET_MS:g} ms (median)",
                    f"{wake_ms:.2f} ms",
                    float(wake_ms) < IDLE_TARGET_MS,  # type: ignore[arg-type]
                )
            )
    print()
    print(
        table(
            [
                "database",
                "cases",
                "reminders",
                "dispatch",
                "seconds",
                "next_due ms p50/p95",
                "idle wake ms p50/p95",
                "load at start",
            ],
            rows,
        )
    )
    print()
    print("\n".join(explained))
    print_verdicts(verdicts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput against the floor: a backlog of denials, the service against a plain loop.

A backlog of ``--count`` denials (2-page PDF letters) is appended to a fresh Dovecot
mailbox, then:

- **floor**: one process, no database, classification, letter or email: ``imapclient``
  fetches each message (``BODY.PEEK[]``, one at a time, as the watcher does), ``mail-parser``
  parses it, and ``pdfplumber`` extracts the text of every page of every PDF attachment;
- **service, 1 worker**: one ``denialwatch run`` daemon, from its start until the SMTP
  server has accepted an email for every patient (database: SQLite unless
  ``--database-url``);
- **service, 2 workers**: two daemons over one PostgreSQL database (``dw_bench_throughput``,
  created afresh): one holds the watch lease and fetches, both process stored messages,
  each with its own document worker, so extraction is spread over both cores.

Prints messages per second for each and the ratio to the floor.

    .venv/bin/python -m bench.throughput            # 500 messages
    .venv/bin/python -m bench.throughput --quick    # 60 messages
    .venv/bin/python -m bench.throughput --workers 1
"""

from __future__ import annotations

import argparse
import base64
import io
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import mailparser
import pdfplumber
from tests.support.dovecot import ImapAccount

from bench.common import (
    POSTGRES_URL,
    PY_SPY,
    CpuMeter,
    Daemon,
    RssSampler,
    Servers,
    Verdict,
    append_all,
    build_denials,
    daemon_config,
    fresh_postgres_database,
    load_average,
    mb,
    print_header,
    print_verdicts,
    received_by,
    servers,
    table,
)

ONE_WORKER_TARGET = 0.8
TWO_WORKERS_TARGET = 1.5
SAMPLE_SECONDS = 0.25


@dataclass(frozen=True)
class Run:
    name: str
    messages: int
    seconds: float
    first_seconds: float | None = None
    """When the first patient email arrived (the daemon's start-up and first message)."""
    peak_rss_kb: int = 0
    load: str = ""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds by process role (``CpuMeter.by_role``)."""

    @property
    def rate(self) -> float:
        return self.messages / self.seconds


def floor(account: ImapAccount) -> tuple[int, int]:
    """The plain loop (see the module doc); returns (messages, pages read)."""
    messages = pages = 0
    with account.client() as client:
        client.select_folder("INBOX", readonly=True)
        for uid in sorted(client.search(["ALL"])):
            raw = client.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
            parsed = mailparser.parse_from_bytes(raw)
            for attachment in parsed.attachments:
                if attachment.get("mail_content_type") != "application/pdf":
                    continue
                data = base64.b64decode(attachment["payload"])
                with pdfplumber.open(io.BytesIO(data)) as pdf:
                    for page in pdf.pages:
                        page.extract_text()
                        pages += 1
            messages += 1
    return messages, pages


def migrate(database_url: str) -> None:
    from denialwatch.store.db import make_engine, upgrade

    engine = make_engine(database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def run_service(
    env: Servers,
    raws: list[bytes],
    patients: set[str],
    *,
    workers: int,
    database_url: str,
    profile: Path | None = None,
    gil_only: bool = False,
) -> Run:
    account = env.dovecot.add_account()
    append_all(account, raws)
    directory = env.directory / f"service-{workers}-{account.username}"
    shared = Servers(env.directory, env.dovecot, env.smtp, account)
    config = daemon_config(
        shared, directory, database_url, extra="[service]\npoll_interval_seconds = 5"
    )
    migrate(database_url)  # before the daemons: two migrating one new database at once race
    load = load_average()
    started = time.perf_counter()
    daemons = [Daemon(config, directory / f"daemon-{n}.log").start() for n in range(workers)]
    samplers = [RssSampler(d.pid, interval=0.25) for d in daemons]
    cpu = CpuMeter(
        {"Dovecot": env.dovecot.process.pid}
        | {f"daemon {n + 1}": d.pid for n, d in enumerate(daemons)},
        {f"daemon {n + 1}": f"daemon {n + 1} document worker" for n in range(workers)},
    )
    profilers = [
        subprocess.Popen(
            [str(PY_SPY), "record", "--pid", str(d.pid), "--subprocesses", "--rate", "50",
             *(["--gil"] if gil_only else []),
             "--format", "raw", "--output", f"{profile}.{n}.txt"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n, d in enumerate(daemons)
        if profile is not None
    ]  # fmt: skip
    first: float | None = None
    timeout = 60 + len(raws) * 5.0
    sampled = 0.0
    try:
        while time.perf_counter() - started < timeout:
            done = received_by(env.smtp, patients)
            if done and first is None:
                first = time.perf_counter() - started
            if done == len(patients):
                break
            if not all(d.alive() for d in daemons):
                break
            # Reading /proc for every process costs CPU the daemons compete for: 4 a second.
            if time.perf_counter() - sampled >= SAMPLE_SECONDS:
                sampled = time.perf_counter()
                for sampler in samplers:
                    sampler.sample()
                cpu.sample()
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        cpu.sample()
        done = received_by(env.smtp, patients)
        if done < len(patients):
            print(f"only {done} of {len(patients)} answered; log:\n{daemons[0].log_tail()}")
    finally:
        for profiler in profilers:
            profiler.send_signal(signal.SIGINT)  # py-spy writes its profile and exits
        for profiler in profilers:
            profiler.wait(timeout=60)
        for daemon in daemons:
            daemon.stop()
    if workers > 1:
        shares = " / ".join(str(d.processed()) for d in daemons)
        print(f"{workers} workers: messages processed by each: {shares}")
    return Run(
        f"service, {workers} worker{'s' if workers > 1 else ''}",
        done,
        seconds,
        first,
        max(s.tree_peak_kb for s in samplers),
        load,
        cpu.by_role(),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--count", type=int, default=500, help="backlog size (default 500)")
    parser.add_argument("--quick", action="store_true", help="a backlog of 60")
    parser.add_argument(
        "--workers",
        type=int,
        action="append",
        choices=(1, 2),
        help="service runs to do (default: 1 and 2)",
    )
    parser.add_argument("--database-url", default=None, help="for 1 worker (default SQLite)")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="server for 2 workers")
    parser.add_argument(
        "--py-spy",
        type=Path,
        default=None,
        metavar="PREFIX",
        help="profile each daemon (and its document worker) with py-spy into PREFIX.<n>.txt "
        "(collapsed stacks; summarise with python -m bench.stacks PREFIX.0.txt)",
    )
    parser.add_argument(
        "--gil",
        action="store_true",
        help="with --py-spy: sample only threads holding the GIL (where the daemon's CPU goes, "
        "not where its threads wait)",
    )
    args = parser.parse_args(argv)
    if args.py_spy is not None and not PY_SPY.exists():
        parser.error(f"{PY_SPY} is missing: .venv/bin/pip install py-spy")
    count = 60 if args.quick else args.count
    workers = args.workers or [1, 2]
    print_header(
        "throughput: a backlog, the service against the floor",
        {"backlog": count, "service runs": ", ".join(f"{w} worker(s)" for w in workers)},
    )
    runs: list[Run] = []
    with servers() as env:
        # The service runs each need their own patients (the SMTP server is shared).
        built = {w: build_denials(count, f"tp{w}") for w in [0, *workers]}
        account = env.dovecot.add_account()
        append_all(account, [d.raw for d in built[0]])
        load = load_average()
        meter = CpuMeter({"Dovecot": env.dovecot.process.pid})
        meter.sample()
        before = meter.by_role()
        started = time.perf_counter()
        messages, pages = floor(account)
        seconds = time.perf_counter() - started
        meter.sample()
        used = {role: t - before.get(role, 0.0) for role, t in meter.by_role().items()}
        used["floor loop"] = used.pop("benchmark (SMTP server, sampling)")
        runs.append(Run("floor (1 process)", messages, seconds, load=load, cpu=used))
        print(f"floor: {messages} messages, {pages} PDF pages")
        for n in workers:
            url = (
                fresh_postgres_database("dw_bench_throughput", args.postgres_url)
                if n > 1
                else args.database_url or f"sqlite:///{env.directory / 'tp1.db'}"
            )
            raws = [d.raw for d in built[n]]
            runs.append(
                run_service(
                    env,
                    raws,
                    {d.patient for d in built[n]},
                    workers=n,
                    database_url=url,
                    profile=None if args.py_spy is None else Path(f"{args.py_spy}-{n}w"),
                    gil_only=args.gil,
                )
            )
    floor_rate = runs[0].rate
    print()
    print(
        table(
            [
                "run",
                "messages",
                "seconds",
                "msg/s",
                "ratio to floor",
                "first email s",
                "peak RSS",
                "load at start",
            ],
            [
                (
                    r.name,
                    r.messages,
                    f"{r.seconds:.1f}",
                    f"{r.rate:.2f}",
                    f"{r.rate / floor_rate:.2f}",
                    f"{r.first_seconds:.1f}" if r.first_seconds is not None else "-",
                    mb(r.peak_rss_kb) if r.peak_rss_kb else "-",
                    r.load,
                )
                for r in runs
            ],
        )
    )
    print()
    print("CPU by process (seconds; ms per message; cores busy on average):")
    print(
        table(
            ["run", "process", "CPU s", "ms/msg", "cores"],
            [
                (r.name, role, f"{t:.1f}", f"{1000 * t / max(r.messages, 1):.0f}",
                 f"{t / r.seconds:.2f}")
                for r in runs
                for role, t in sorted(r.cpu.items())
            ]
            + [
                (r.name, "all", f"{sum(r.cpu.values()):.1f}",
                 f"{1000 * sum(r.cpu.values()) / max(r.messages, 1):.0f}",
                 f"{sum(r.cpu.values()) / r.seconds:.2f}")
                for r in runs
            ],
        )
    )  # fmt: skip
    verdicts = []
    for run in runs[1:]:
        target = ONE_WORKER_TARGET if run.name.endswith("1 worker") else TWO_WORKERS_TARGET
        ratio = run.rate / floor_rate
        verdicts.append(
            Verdict(f"{run.name}: >= {target:g} x floor", f"{ratio:.2f} x", ratio >= target)
        )
    print_verdicts(verdicts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

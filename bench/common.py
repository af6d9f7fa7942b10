"""What the benchmarks share: the machine, real servers, realistic mail, a daemon, RSS, tables.

Run every benchmark from the repository root as a module (``.venv/bin/python -m
bench.latency``): Python then puts the root on ``sys.path``, so ``tests.builders`` and
``tests.support`` (the same builders and real servers the tests use) import as they do
under pytest. ``ROOT`` is also added here, so ``python bench/latency.py`` works too.

Nothing here asserts on a timing: a benchmark prints its figures and a PASS/MISS verdict
per target, and always exits 0 unless it could not run at all.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.acceptance.cli import write_config  # noqa: E402
from tests.builders import DENIALS, Party, SampleLetter, forward_gmail_inline, insurer_email  # noqa: E402  # noqa: E402
from tests.support.dovecot import DovecotServer, ImapAccount, start_dovecot  # noqa: E402
from tests.support.smtp import SmtpServer, running_smtp  # noqa: E402
from tests.support.tls import make_tls_files  # noqa: E402
from tests.support.workload import replaced_strings  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
PY_SPY = ROOT / ".venv" / "bin" / "py-spy"
SENT = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
T = TypeVar("T")


# --- the machine --------------------------------------------------------------------------


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine() -> dict[str, str]:
    """CPU model, cores, RAM and load, as bench/README.md records them with each figure."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "load (1/5/15 min)": load_average(),
    }


def print_header(title: str, options: dict[str, Any]) -> None:
    print(f"== {title} ==")
    for key, value in machine().items():
        print(f"  {key}: {value}")
    for key, value in options.items():
        print(f"  {key}: {value}")
    print(f"  started: {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
    print()


# --- figures --------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, columns left-aligned, as the README pastes them."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    passed: bool


def print_verdicts(verdicts: Sequence[Verdict]) -> None:
    print()
    print(
        table(
            ["target", "measured", "verdict"],
            [(v.target, v.measured, "PASS" if v.passed else "MISS") for v in verdicts],
        )
    )
    print(f"\nload average at the end: {load_average()}")


def timed(function: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


# --- realistic mail -------------------------------------------------------------------------


def _plan_denials() -> list[SampleLetter]:
    return [
        s
        for s in DENIALS
        if s.language == "en" and s.letter is not None and s.facts and s.plan is not None
    ]


@dataclass(frozen=True)
class Denial:
    number: int
    patient: str
    """The patient's address: where the service's answer goes."""
    raw: bytes


UNIQUE_LETTERS = 50
"""Distinct PDF letters in a workload; printing one takes about 0.2 s (fpdf2), so a large
backlog forwards these in turn, each time from a patient of its own."""


def build_denials(
    count: int, tag: str, *, pdf_pages: int = 2, unique_letters: int = UNIQUE_LETTERS
) -> list[Denial]:
    """``count`` plan denials with a ``pdf_pages``-page PDF letter, each forwarded from Gmail
    by a patient of its own (so each opens a case of its own: matching is per patient).

    The first ``unique_letters`` letters are distinct (member ID, reference number, the
    catalogue's letters in turn); later messages forward them again from new patients."""
    samples = _plan_denials()
    originals: dict[int, bytes] = {}
    denials: list[Denial] = []
    for number in range(count):
        letter_number = number % unique_letters
        if letter_number not in originals:
            sample = samples[letter_number % len(samples)]
            assert sample.facts is not None
            assert sample.letter is not None
            addressee = Party(f"Pat Bench{letter_number}", f"letter-{letter_number}@example.com")
            changed = replaced_strings(
                sample.letter,
                {
                    sample.facts.member_id: f"BM{letter_number:09d}",
                    sample.facts.reference_number: f"BL-{tag.upper()}-{letter_number:06d}",
                    sample.patient.name: addressee.name,
                },
            )
            letter_sample = dataclasses.replace(sample, letter=changed, patient=addressee)
            originals[letter_number] = insurer_email(
                letter_sample,
                message_id=f"<plan-{tag}-{letter_number}@plans.example.com>",
                date=SENT + timedelta(minutes=letter_number),
                pdf_pages=pdf_pages,
            )
        patient = Party(f"Pat Bench{number}", f"patient-{tag}-{number}@example.com")
        raw = forward_gmail_inline(
            originals[letter_number],
            patient,
            note="This came today. What can I do?",
            message_id=f"<bench-{tag}-{number}@example.com>",
            date=SENT + timedelta(minutes=number, hours=1),
        )
        denials.append(Denial(number, patient.address, raw))
    return denials


def append_all(account: ImapAccount, raws: Sequence[bytes], folder: str = "INBOX") -> None:
    """Deliver every message over one connection (a backlog)."""
    with account.client() as client:
        for raw in raws:
            client.append(folder, raw)


# --- servers and the daemon -----------------------------------------------------------------


@dataclass
class Servers:
    directory: Path
    dovecot: DovecotServer
    smtp: SmtpServer
    account: ImapAccount


@contextmanager
def servers() -> Iterator[Servers]:
    """A real Dovecot (one fresh account) and a real SMTP server, both on loopback."""
    directory = Path(tempfile.mkdtemp(prefix="denialwatch-bench-"))
    tls = make_tls_files(directory / "tls")
    dovecot = start_dovecot(tls)
    try:
        with running_smtp(directory) as smtp:
            yield Servers(directory, dovecot, smtp, dovecot.add_account())
    finally:
        dovecot.close()


def daemon_config(
    servers: Servers,
    directory: Path,
    database_url: str,
    *,
    extra: str = "",
) -> Path:
    """A TOML configuration for ``denialwatch run``: IMAP (plain, loopback) in, SMTP out."""
    directory.mkdir(parents=True, exist_ok=True)
    return write_config(
        directory / "denialwatch.toml",
        inbox=servers.account.inbox_config(),
        outgoing=servers.smtp.outgoing_config(),
        database_url=database_url,
        storage=directory / "documents",
        extra=extra,
    )


class Daemon:
    """One ``denialwatch run`` child process in a process group of its own."""

    def __init__(self, config: Path, log_path: Path) -> None:
        self.config = config
        self.log_path = log_path
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(PYTHON), "-m", "denialwatch", "--config", str(self.config), "run"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=self.env,
                start_new_session=True,
                cwd=ROOT,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def processed(self) -> int:
        """How many messages this daemon processed, from its log ("message N: state")."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return 0
        return len(re.findall(r"\bmessage \d+: (?!processing failed)", text))

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def received_by(smtp: SmtpServer, recipients: set[str]) -> int:
    """How many of ``recipients`` have had an email so far."""
    got = {r for mail in list(smtp.received) for r in mail.rcpt_tos}
    return len(got & recipients)


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


# --- memory ---------------------------------------------------------------------------------


def _status_kb(pid: int, field: str) -> int:
    """A ``VmRSS``/``VmHWM`` figure of ``/proc/<pid>/status`` in KiB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def descendants(pid: int) -> list[int]:
    """``pid``'s children, grandchildren and so on, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass
class RssSampler:
    """Peak RSS of a process tree, sampled every ``interval`` seconds (``VmHWM`` of each
    process seen, so a peak between samples is not lost while the process lives)."""

    root: int
    interval: float = 0.1
    main_peak_kb: int = 0
    child_peak_kb: int = 0
    tree_peak_kb: int = 0
    """Largest sum of the tree's current RSS at one sample."""

    def sample(self) -> None:
        self.main_peak_kb = max(self.main_peak_kb, _status_kb(self.root, "VmHWM"))
        tree = _status_kb(self.root, "VmRSS")
        for child in descendants(self.root):
            self.child_peak_kb = max(self.child_peak_kb, _status_kb(child, "VmHWM"))
            tree += _status_kb(child, "VmRSS")
        self.tree_peak_kb = max(self.tree_peak_kb, tree)

    def run_until(self, done: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.sample()
            if done():
                return True
            time.sleep(self.interval)
        return done()


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> tuple[str, float] | None:
    """(the process id and start time as a key, its user + system CPU seconds so far)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    # After the name: state is field 3, utime 14, stime 15, starttime 22 (proc(5)).
    return f"{pid}:{fields[19]}", (int(fields[11]) + int(fields[12])) / _TICKS


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


@dataclass
class CpuMeter:
    """CPU seconds used by process trees while a benchmark runs, by role.

    ``roots`` maps a role ("daemon 1", "Dovecot") to the process whose tree it names; where
    ``child_roles`` names the role, its descendants count under that name instead ("daemon 1
    document worker"). Each process's last reading is kept, so one that ends between samples
    keeps what it used until then. The benchmark's own process (its SMTP server, the sampling
    loop) is read with ``os.times``."""

    roots: dict[str, int]
    child_roles: dict[str, str] = dataclasses.field(default_factory=dict)
    last: dict[str, tuple[str, float]] = dataclasses.field(default_factory=dict)
    own_start: float = dataclasses.field(default_factory=_own_cpu)

    def sample(self) -> None:
        for role, root in self.roots.items():
            for pid in (root, *descendants(root)):
                reading = _cpu_seconds(pid)
                if reading is not None:
                    label = role if pid == root else self.child_roles.get(role, role)
                    self.last[reading[0]] = (label, reading[1])

    def by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for label, seconds in self.last.values():
            totals[label] = totals.get(label, 0.0) + seconds
        totals["benchmark (SMTP server, sampling)"] = _own_cpu() - self.own_start
        return totals


def mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


# --- databases ------------------------------------------------------------------------------

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE_PREFIX = "dw_bench"


def fresh_postgres_database(name: str, server_url: str = POSTGRES_URL) -> str:
    """Drop and create the benchmark database ``name`` (it must start with ``dw_bench``: a
    benchmark never touches anyone else's); returns its URL."""
    if not name.startswith(BENCH_DATABASE_PREFIX) or not name.replace("_", "").isalnum():
        raise ValueError(f"{name!r}: benchmark databases are named dw_bench*")
    from sqlalchemy import create_engine, make_url, text

    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)

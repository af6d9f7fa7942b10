"""Hostile input cost: the slowest documents of ../shared/corpus/pdf/, time and memory.

Every PDF under the corpus (``--corpus``) is read the way the service reads an attachment
(``documents.read.read_text`` with the ``[documents]`` limits of the default configuration:
the bounded worker process, its time limit and its address-space cap). Per document: the
wall time, the worker's peak RSS for that document alone (its ``VmHWM`` is reset before
each read through ``/proc/<pid>/clear_refs``), and the outcome. Prints the slowest
``--top`` (default 10) and whether any document went past the bounds: a reader that was
killed at the time limit (it must take no longer than the limit plus the kill) or whose
worker grew past ``pdf_memory_mb``.

    .venv/bin/python -m bench.hostile
    .venv/bin/python -m bench.hostile --quick       # the first 60 files
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Verdict, load_average, mb, print_header, print_verdicts, table

CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
KILL_GRACE_SECONDS = 3.0


@dataclass(frozen=True)
class Reading:
    path: str
    size: int
    seconds: float
    peak_kb: int
    outcome: str


def _worker_pid() -> int | None:
    from denialwatch.documents import worker

    return worker.process_group()


def _reset_peak(pid: int | None) -> None:
    if pid is None:
        return
    with contextlib.suppress(OSError):  # resets VmHWM (Linux 4.0+)
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def _peak_kb(pid: int | None) -> int:
    if pid is None:
        return 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def read_one(path: Path, limits: object) -> Reading:
    from denialwatch.config import Documents
    from denialwatch.documents.read import read_text
    from denialwatch.documents.sniff import sniff

    assert isinstance(limits, Documents)
    data = path.read_bytes()
    pid = _worker_pid()
    _reset_peak(pid)
    started = time.perf_counter()
    try:
        text = read_text(data, sniff(data), limits)
        outcome = text.problem or f"{len(text.pages or ())} pages of text"
    except Exception as err:  # a crash is an outcome worth printing, not a stop
        outcome = f"{type(err).__name__}: {err}"
    seconds = time.perf_counter() - started
    after = _worker_pid()
    peak = _peak_kb(after) if after == pid or pid is None else 0
    return Reading(str(path.relative_to(CORPUS)), len(data), seconds, peak, outcome[:60])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="the first 60 files only")
    args = parser.parse_args(argv)
    from denialwatch.config import Documents

    limits = Documents()
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    if args.quick:
        files = files[:60]
    print_header(
        "hostile input cost: the corpus PDFs through the bounded reader",
        {
            "files": len(files),
            "limits": f"{limits.pdf_timeout_seconds:g} s, {limits.pdf_memory_mb} MB, "
            f"{limits.max_pdf_pages} pages, OCR {limits.ocr_timeout_seconds:g} s",
        },
    )
    load = load_average()
    readings = [read_one(path, limits) for path in files]
    slowest = sorted(readings, key=lambda r: r.seconds, reverse=True)[: args.top]
    print(
        table(
            ["document", "bytes", "seconds", "worker peak RSS", "outcome"],
            [(r.path, r.size, f"{r.seconds:.2f}", mb(r.peak_kb), r.outcome) for r in slowest],
        )
    )
    print(f"\nall {len(readings)}: {sum(r.seconds for r in readings):.0f} s; load at start {load}")
    time_bound = max(limits.pdf_timeout_seconds, limits.ocr_timeout_seconds) + KILL_GRACE_SECONDS
    worst_time = max(r.seconds for r in readings)
    worst_memory = max(r.peak_kb for r in readings)
    print_verdicts(
        [
            Verdict(
                f"every document < {time_bound:g} s (limit + kill)",
                f"slowest {worst_time:.2f} s",
                worst_time < time_bound,
            ),
            Verdict(
                f"every document < {limits.pdf_memory_mb} MB",
                f"largest {mb(worst_memory)}",
                worst_memory < limits.pdf_memory_mb * 1024,
            ),
        ]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

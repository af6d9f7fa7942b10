"""Memory: peak RSS of the daemon and its document worker through a backlog and a huge letter.

For each backlog size (``--sizes``, default 200 and 2,000) a fresh mailbox gets one denial
whose PDF letter has ``--big-pages`` pages (default 300; the reader stops at
``[documents] max_pdf_pages``) followed by the backlog of 2-page denials. One ``denialwatch
run`` daemon (SQLite) works through it while this process samples ``/proc``: the daemon's
``VmHWM``, the largest ``VmHWM`` of any of its descendants (the document worker, Tesseract),
and the largest sum of the tree's ``VmRSS`` at one moment. "Flat" means the peak at the
largest backlog is within 10 % (and 15 MB) of the peak at the smallest.

    .venv/bin/python -m bench.memory                 # backlogs of 200 and 2,000
    .venv/bin/python -m bench.memory --quick         # backlogs of 30 and 120
    .venv/bin/python -m bench.memory --sizes 500
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tests.builders import DENIALS, Party, forward_gmail_inline, insurer_email, letter_pdf

from bench.common import (
    SENT,
    Daemon,
    RssSampler,
    Servers,
    Verdict,
    append_all,
    build_denials,
    daemon_config,
    load_average,
    mb,
    print_header,
    print_verdicts,
    received_by,
    servers,
    table,
)

TARGET_MB = 250
CACHE = Path(tempfile.gettempdir()) / "denialwatch-bench-cache"


def big_letter(pages: int) -> bytes:
    """A ``pages``-page letter PDF (cached: fpdf2 takes about 10 s per 100 pages)."""
    path = CACHE / f"letter-{pages}-pages.pdf"
    if path.exists():
        return path.read_bytes()
    paragraphs = [
        f"Section {n}. The plan reviewed the request and the records and found that they do "
        f"not show medical necessity under the criteria cited in part {n} of its policy."
        for n in range(pages * 10)
    ]
    data = letter_pdf(paragraphs, pages=pages)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(data)
    return data


def big_denial(pages: int, tag: str) -> tuple[str, bytes]:
    sample = next(s for s in DENIALS if s.language == "en" and s.plan is not None and s.facts)
    patient = Party("Pat Big", f"patient-{tag}-big@example.com")
    original = insurer_email(
        dataclasses.replace(sample, patient=patient),
        message_id=f"<plan-{tag}-big@plans.example.com>",
        date=SENT,
        pdf=big_letter(pages),
        pdf_filename="decision.pdf",
    )
    raw = forward_gmail_inline(
        original,
        patient,
        note="Here is the whole file they sent.",
        message_id=f"<bench-{tag}-big@example.com>",
        date=SENT + timedelta(hours=1),
    )
    return patient.address, raw


@dataclass(frozen=True)
class Result:
    backlog: int
    seconds: float
    answered: int
    main_kb: int
    child_kb: int
    tree_kb: int
    load: str


def run_one(env: Servers, size: int, big_pages: int) -> Result:
    tag = f"mem{size}"
    big_patient, big_raw = big_denial(big_pages, tag)
    denials = build_denials(size, tag)
    account = env.dovecot.add_account()
    append_all(account, [big_raw, *(d.raw for d in denials)])
    patients = {d.patient for d in denials}
    directory = env.directory / tag
    config = daemon_config(
        Servers(env.directory, env.dovecot, env.smtp, account),
        directory,
        f"sqlite:///{directory / 'dw.db'}",
    )
    load = load_average()
    started = time.perf_counter()
    daemon = Daemon(config, directory / "daemon.log").start()
    sampler = RssSampler(daemon.pid, interval=0.2)
    try:
        done = sampler.run_until(
            lambda: received_by(env.smtp, patients) == len(patients) or not daemon.alive(),
            timeout=120 + size * 5.0,
        )
        seconds = time.perf_counter() - started
        answered = received_by(env.smtp, patients)
        if not done or answered < len(patients):
            print(f"backlog {size}: only {answered} answered; log:\n{daemon.log_tail()}")
        big = received_by(env.smtp, {big_patient})
        print(
            f"backlog {size}: done in {seconds:.0f} s; the {big_pages}-page letter answered: "
            f"{'yes' if big else 'no'}"
        )
    finally:
        daemon.stop()
    return Result(
        size, seconds, answered, sampler.main_peak_kb, sampler.child_peak_kb,
        sampler.tree_peak_kb, load,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--big-pages", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="backlogs of 30 and 120")
    args = parser.parse_args(argv)
    sizes = [30, 120] if args.quick else sorted(args.sizes)
    print_header(
        "memory: peak RSS through a backlog and a huge letter",
        {"backlogs": sizes, "huge letter pages": args.big_pages},
    )
    big_letter(args.big_pages)
    with servers() as env:
        results = [run_one(env, size, args.big_pages) for size in sizes]
    print()
    print(
        table(
            [
                "backlog",
                "seconds",
                "answered",
                "daemon peak",
                "worker peak",
                "tree peak",
                "load at start",
            ],
            [
                (
                    r.backlog,
                    f"{r.seconds:.0f}",
                    r.answered,
                    mb(r.main_kb),
                    mb(r.child_kb),
                    mb(r.tree_kb),
                    r.load,
                )
                for r in results
            ],
        )
    )
    largest = max(r.tree_kb for r in results)
    verdicts = [Verdict(f"tree peak < {TARGET_MB} MB", mb(largest), largest < TARGET_MB * 1024)]
    if len(results) > 1:
        low, high = results[0].tree_kb, results[-1].tree_kb
        growth = high - low
        flat = growth <= max(0.10 * low, 15 * 1024)
        verdicts.append(
            Verdict(
                f"flat: backlog {results[0].backlog} -> {results[-1].backlog}",
                f"{growth / 1024:+.0f} MB",
                flat,
            )
        )
    print_verdicts(verdicts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

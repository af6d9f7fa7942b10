"""Latency: from appending a denial to the patient's email arriving, under IMAP IDLE.

A ``denialwatch run`` daemon watches a real Dovecot mailbox (IDLE) and sends through a real
SMTP server (aiosmtpd, in this process). One warm-up denial is answered first (the daemon's
imports and the document worker's start are not what a patient waits for in steady state),
then ``--count`` denials, each with a ``--pages``-page PDF letter, are appended one at a
time: each clock starts before the APPEND and stops when the SMTP server has accepted the
email to that patient. Prints p50 / p95 / max.

    .venv/bin/python -m bench.latency            # 50 denials, SQLite
    .venv/bin/python -m bench.latency --quick    # 10 denials
    .venv/bin/python -m bench.latency --database-url postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.common import (
    Daemon,
    RssSampler,
    Verdict,
    build_denials,
    daemon_config,
    mb,
    percentile,
    print_header,
    print_verdicts,
    received_by,
    servers,
    table,
    wait_until,
)

P50_TARGET = 2.0
P95_TARGET = 5.0
TIMEOUT = 120.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__)
    parser.add_argument("--count", type=int, default=50, help="denials appended (default 50)")
    parser.add_argument("--pages", type=int, default=2, help="pages per PDF letter (default 2)")
    parser.add_argument("--quick", action="store_true", help="10 denials")
    parser.add_argument(
        "--database-url", default=None, help="default: a fresh SQLite file in the run directory"
    )
    args = parser.parse_args(argv)
    count = 10 if args.quick else args.count
    print_header(
        "latency: append -> patient email (IMAP IDLE, real Dovecot and SMTP)",
        {"denials": count, "pdf pages": args.pages, "database": args.database_url or "sqlite"},
    )
    denials = build_denials(count + 1, "lat", pdf_pages=args.pages)
    warmup, measured = denials[0], denials[1:]
    with servers() as env:
        url = args.database_url or f"sqlite:///{env.directory / 'dw.db'}"
        config = daemon_config(env, env.directory / "run", url)
        daemon = Daemon(config, env.directory / "daemon.log").start()
        sampler = RssSampler(daemon.pid)
        try:
            started = time.perf_counter()
            env.account.append(warmup.raw)
            if not wait_until(lambda: received_by(env.smtp, {warmup.patient}) == 1, TIMEOUT):
                print("the warm-up denial was never answered; daemon log:\n" + daemon.log_tail())
                return 1
            print(f"warm-up (daemon start, first denial): {time.perf_counter() - started:.2f} s")
            latencies: list[float] = []
            for denial in measured:
                began = time.perf_counter()
                env.account.append(denial.raw)
                answered = wait_until(
                    lambda d=denial: received_by(env.smtp, {d.patient}) == 1,  # type: ignore[misc]
                    TIMEOUT,
                )
                if not answered:
                    print(f"denial {denial.number} not answered in {TIMEOUT:g} s")
                    print(daemon.log_tail())
                    return 1
                latencies.append(time.perf_counter() - began)
                sampler.sample()
        finally:
            daemon.stop()
    p50, p95, worst = percentile(latencies, 0.5), percentile(latencies, 0.95), max(latencies)
    print()
    print(
        table(
            ["denials", "min s", "p50 s", "p95 s", "max s", "daemon peak RSS", "worker peak RSS"],
            [
                (
                    len(latencies),
                    f"{min(latencies):.3f}",
                    f"{p50:.3f}",
                    f"{p95:.3f}",
                    f"{worst:.3f}",
                    mb(sampler.main_peak_kb),
                    mb(sampler.child_peak_kb),
                )
            ],
        )
    )
    print_verdicts(
        [
            Verdict(f"p50 < {P50_TARGET:g} s", f"{p50:.3f} s", p50 < P50_TARGET),
            Verdict(f"p95 < {P95_TARGET:g} s", f"{p95:.3f} s", p95 < P95_TARGET),
        ]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

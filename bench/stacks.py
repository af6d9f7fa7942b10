"""Summarise a py-spy profile in collapsed-stack form (``--format raw``): where time goes.

    .venv/bin/python -m bench.stacks /tmp/tp-1w.0.txt [--top 25] [--match denialwatch]

Prints, for the ``--top`` functions, the share of samples in which each is on the stack
(inclusive) and at the top of it (self). ``--match`` keeps only frames whose text contains
the string (``denialwatch`` for the project's own code).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bench.common import table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stacks", description=__doc__)
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--match", default="")
    args = parser.parse_args(argv)
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in args.profile.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        for frame in set(frames):
            if args.match in frame:
                inclusive[frame] += count
        if args.match in frames[-1]:
            own[frames[-1]] += count
    if not total:
        print("no samples")
        return 1
    rows = [
        (f"{100 * n / total:5.1f}%", f"{100 * own[frame] / total:5.1f}%", frame[:110])
        for frame, n in inclusive.most_common(args.top)
    ]
    print(f"{total} samples")
    print(table(["inclusive", "self", "frame"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What an evaluation found: per email (``Outcome``), and over them all (``Report``), with
the figures ``denialwatch eval`` prints, as text for a person or as JSON for a tool.

Derived figures: per-field counts and F1 (``metrics`` gives the counting rule), denial
detection (adverse = ``ADVERSE`` kinds, against everything else), confusion matrices of
document kinds and of routes, the slowest emails, and the targets with pass or fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from denialwatch.evaluation.fields import ADVERSE, BY_NAME, DETECTION_TARGET, FIELDS, Value
from denialwatch.evaluation.labels import Label
from denialwatch.evaluation.metrics import Binary, Confusion, Counts, binary, total

NONE = "(none)"
"""How a confusion matrix shows "no route" (not labelled, or not read)."""
ERROR = "error"
"""The kind of an email the reader failed on."""


@dataclass(frozen=True)
class Outcome:
    """One email: what it should read as, what was read, how long it took."""

    file: str
    label: Label
    read: Mapping[str, Value]
    seconds: float
    counts: Mapping[str, Counts]
    """Per field, in ``FIELDS`` order."""
    error: str | None = None
    """Why the email could not be read at all (its kind then counts as "error")."""

    @property
    def read_kind(self) -> str:
        kind = self.read.get("kind")
        return kind if isinstance(kind, str) else ERROR

    def mistakes(self) -> list[tuple[str, Value | None, Value | None]]:
        """(field, expected, read) for every field with an FP or FN."""
        return [
            (name, self.label.fields.get(name, self.label.kind if name == "kind" else None),
             self.read.get(name))
            for name, counts in self.counts.items()
            if counts.fp or counts.fn
        ]  # fmt: skip


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    target: float
    vacuous: bool = False
    """Nothing was expected and nothing was read: F1 is 1.0 by the counting rule."""

    @property
    def passed(self) -> bool:
        return self.value >= self.target


@dataclass(frozen=True)
class Report:
    source: str
    labels: str | None
    """The labels file, or None when every file was a negative."""
    outcomes: tuple[Outcome, ...]
    unlabelled: tuple[str, ...]
    """Files in the folder that the labels do not name (not evaluated)."""
    seconds: float

    @property
    def fields(self) -> dict[str, Counts]:
        return {rule.name: total(o.counts[rule.name] for o in self.outcomes) for rule in FIELDS}

    @property
    def detection(self) -> Binary:
        return binary((o.label.kind in ADVERSE, o.read_kind in ADVERSE) for o in self.outcomes)

    @property
    def kinds(self) -> Confusion:
        order = BY_NAME["kind"].choices
        return Confusion.of(((o.label.kind, o.read_kind) for o in self.outcomes), (*order, ERROR))

    @property
    def routes(self) -> Confusion:
        order = BY_NAME["route"].choices
        pairs = []
        for outcome in self.outcomes:
            expected = outcome.label.fields.get("route")
            read = outcome.read.get("route")
            if expected is not None or read is not None:
                pairs.append((str(expected or NONE), str(read or NONE)))
        return Confusion.of(pairs, (*order, NONE))

    def slowest(self, count: int = 5) -> list[Outcome]:
        return sorted(self.outcomes, key=lambda o: (-o.seconds, o.file))[:count]

    @property
    def targets(self) -> list[Target]:
        counts = [("denial detection", self.detection.counts, DETECTION_TARGET)]
        fields = self.fields
        counts += [(rule.name, fields[rule.name], rule.target) for rule in FIELDS]
        return [
            Target(name, c.f1, target, vacuous=not (c.tp or c.fp or c.fn))
            for name, c, target in counts
        ]

    @property
    def passed(self) -> bool:
        return all(target.passed for target in self.targets)

    def as_json(self, slowest: int = 5) -> dict[str, Any]:
        detection = self.detection
        return {
            "source": self.source,
            "labels": self.labels,
            "emails": len(self.outcomes),
            "unlabelled": list(self.unlabelled),
            "seconds": round(self.seconds, 3),
            "counting": "a wrong value counts as one FP and one FN; F1 = 2TP/(2TP+FP+FN)",
            "detection": {
                "adverse_kinds": list(ADVERSE),
                **_counts_json(detection.counts),
                "tn": detection.tn,
                "accuracy": _round(detection.accuracy),
            },
            "fields": {name: _counts_json(counts) for name, counts in self.fields.items()},
            "kinds": _confusion_json(self.kinds),
            "routes": _confusion_json(self.routes),
            "slowest": [
                {"file": o.file, "seconds": round(o.seconds, 3)} for o in self.slowest(slowest)
            ],
            "targets": [
                {
                    "name": t.name,
                    "value": round(t.value, 4),
                    "target": t.target,
                    "passed": t.passed,
                    "vacuous": t.vacuous,
                }
                for t in self.targets
            ],
            "passed": self.passed,
            "errors": [{"file": o.file, "error": o.error} for o in self.outcomes if o.error],
            "results": [_outcome_json(o) for o in self.outcomes],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "support": counts.support,
        "precision": _round(counts.precision),
        "recall": _round(counts.recall),
        "f1": _round(counts.f1),
    }


def _confusion_json(confusion: Confusion) -> dict[str, Any]:
    return {
        "labels": list(confusion.labels),
        "rows": "expected",
        "columns": "read",
        "matrix": confusion.matrix(),
    }


def _plain(value: Value | None) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "file": outcome.file,
        "expected_kind": outcome.label.kind,
        "read_kind": outcome.read_kind,
        "seconds": round(outcome.seconds, 3),
        "notes": dict(outcome.label.notes),
        "mistakes": [
            {"field": name, "expected": _plain(expected), "read": _plain(read)}
            for name, expected, read in outcome.mistakes()
        ],
    }


# --- text ----------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _matrix_lines(confusion: Confusion) -> list[str]:
    labels = confusion.labels
    if not labels:
        return ["  (nothing to show)"]
    width = max(len(label) for label in labels)
    header = " " * (width + 6) + "".join(f"{n:>5}" for n in range(1, len(labels) + 1))
    lines = [header]
    for index, (label, row) in enumerate(zip(labels, confusion.matrix(), strict=True), 1):
        cells = "".join(f"{(str(n) if n else '.'):>5}" for n in row)
        lines.append(f"  {index:>2} {label:<{width}} {cells}")
    return lines


def _shown(value: Value | None) -> str:
    if value is None:
        return "-"
    plain = _plain(value)
    return str(plain) if not isinstance(plain, str) else repr(plain)


def to_text(report: Report, *, slowest: int = 5, mistakes: bool = True) -> str:
    """The report as ``denialwatch eval`` prints it."""
    labels = f"labels {report.labels}" if report.labels else "every file a negative"
    lines = [
        f"denialwatch eval: {len(report.outcomes)} emails from {report.source} ({labels}), "
        f"{report.seconds:.1f} s"
    ]
    if report.unlabelled:
        lines.append(f"  not labelled, skipped: {len(report.unlabelled)}")
    detection = report.detection
    counts = detection.counts
    lines += [
        "",
        f"Denial detection (adverse = {', '.join(ADVERSE)}; everything else is not)",
        f"  precision {_number(counts.precision)}  recall {_number(counts.recall)}  "
        f"F1 {_number(counts.f1)}   TP {counts.tp}  FP {counts.fp}  FN {counts.fn}  "
        f"TN {detection.tn}",
        "",
        "Fields (a wrong value counts as one FP and one FN; F1 = 2TP/(2TP+FP+FN))",
        f"  {'field':<18}{'precision':>10}{'recall':>8}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"
        f"{'target':>8}",
    ]
    targets = {t.name: t for t in report.targets}
    for name, field_counts in report.fields.items():
        target = targets[name]
        verdict = "ok" if target.passed else "MISS"
        lines.append(
            f"  {name:<18}{_number(field_counts.precision):>10}{_number(field_counts.recall):>8}"
            f"{_number(None if target.vacuous else field_counts.f1):>7}{field_counts.tp:>6}"
            f"{field_counts.fp:>5}"
            f"{field_counts.fn:>5}{target.target:>6.2f} {verdict}"
        )
    lines += ["", "Document kinds (rows: labelled, columns: read, numbered as the rows)"]
    lines += _matrix_lines(report.kinds)
    lines += ["", "Routes (rows: labelled, columns: read)"]
    lines += _matrix_lines(report.routes)
    lines += ["", "Slowest emails"]
    lines += [f"  {o.seconds:6.2f} s  {o.file}" for o in report.slowest(slowest)]
    errors = [o for o in report.outcomes if o.error]
    if errors:
        lines += ["", "Could not be read"]
        lines += [f"  {o.file}: {o.error}" for o in errors]
    if mistakes:
        wrong = [o for o in report.outcomes if o.mistakes()]
        lines += ["", f"Mistakes ({len(wrong)} emails; expected -> read)"]
        for outcome in wrong:
            parts = [
                f"{name} {_shown(expected)} -> {_shown(read)}"
                for name, expected, read in outcome.mistakes()
            ]
            lines.append(f"  {outcome.file}: " + "; ".join(parts))
    met = [t for t in report.targets if t.passed]
    lines += ["", f"Targets: {len(met)} of {len(report.targets)} met"]
    for target in report.targets:
        verdict = "pass" if target.passed else "FAIL"
        sign = ">=" if target.passed else "< "
        if target.vacuous:
            lines.append(f"  {verdict}  {target.name:<18} nothing expected, nothing read")
            continue
        lines.append(
            f"  {verdict}  {target.name:<18} F1 {target.value:.2f} {sign} {target.target:.2f}"
        )
    return "\n".join(lines) + "\n"

"""How Independent Medical Reviews like the patient's were decided, from the state's open data.

The DMHC publishes every IMR decision since 2001 as the "IMR Determinations Trend" CSV
(research 6.2; DOMAIN.md, "Outcomes worth showing a patient"). ``load_index`` streams that file
once (``csv``, row by row) into counts keyed by the labels that matter here; the file is
read once per process and kept (``functools.lru_cache`` on its path, size and time).
``similar_cases`` sums the counts for a case's treatment and diagnosis groups
(``imr_categories``) and ``cover_note`` says it in one or two plain sentences.

Every export we know of is accepted: the current 14 columns (``ReferenceID, ReportYear,
DiagnosisCategory, ...``), the older spaced headers (``Report Year``, ``Diagnosis Category``),
the cleaned snake_case extracts (``diagnosis_category``), comma or semicolon separated, with
or without a byte-order mark. Headers are compared folded (case, spaces and punctuation
ignored). Only the treatment category and the determination are required.

Presentation rules (research 6.3): show the count beside every rate, say that past results
do not predict one case, and say nothing from fewer than ``MINIMUM_CASES`` decisions.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from denialwatch.errors import DenialwatchError
from denialwatch.evidence.imr_categories import Match, fold

MINIMUM_CASES = 10
"""Fewer decisions than this say too little to show (small cells are noisy, research 6.3)."""

_FIELD_LIMIT = 16 * 1024 * 1024
"""The Findings text of one decision can be long; csv's default field limit is 128 KiB."""


class ImrDataError(DenialwatchError):
    """The IMR data file is missing, unreadable, or lacks a column the counts need."""


class Column(StrEnum):
    """The columns read, by folded header name."""

    TREATMENT = "treatmentcategory"
    TREATMENT_SUB = "treatmentsubcategory"
    DIAGNOSIS = "diagnosiscategory"
    DIAGNOSIS_SUB = "diagnosissubcategory"
    DETERMINATION = "determination"
    TYPE = "type"
    YEAR = "reportyear"


REQUIRED = (Column.TREATMENT, Column.DETERMINATION)


def header_key(header: str) -> str:
    """``Diagnosis Sub Category``, ``DiagnosisSubCategory``, ``diagnosis_sub_category`` alike."""
    return re.sub(r"[^a-z0-9]", "", header.lstrip("\ufeff").casefold())


@dataclass(frozen=True)
class Key:
    """The folded labels of one decision that the counts are kept by."""

    treatment: str
    treatment_sub: str
    diagnosis: str
    diagnosis_sub: str
    type: str


@dataclass
class Tally:
    overturned: int = 0
    upheld: int = 0
    first_year: int | None = None
    last_year: int | None = None

    def add(self, overturned: bool, year: int | None) -> None:
        if overturned:
            self.overturned += 1
        else:
            self.upheld += 1
        if year is not None:
            self.first_year = year if self.first_year is None else min(self.first_year, year)
            self.last_year = year if self.last_year is None else max(self.last_year, year)


@dataclass(frozen=True)
class ImrIndex:
    """Decision counts by (treatment, subcategory, diagnosis, subcategory, type), all folded."""

    counts: dict[Key, Tally]
    rows: int
    """Decisions counted (rows with a known determination)."""
    skipped: int
    """Rows left out: no treatment category, or a determination that is neither outcome."""


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _year(value: str) -> int | None:
    found = re.match(r"\s*(\d{4})", value)
    return int(found.group(1)) if found else None


def _outcome(value: str) -> bool | None:
    """True for overturned, False for upheld, None for anything else."""
    folded = fold(value)
    if folded.startswith("overturned"):
        return True
    if folded.startswith("upheld"):
        return False
    return None


def _rows(
    lines: Iterable[str], delimiter: str, source: str
) -> Iterator[tuple[Key, bool, int | None] | None]:
    """Each row of a CSV text, streamed: its key, whether overturned and its year, or None
    for a row that is not a decision on a known treatment category."""
    reader = csv.reader(lines, delimiter=delimiter)
    headers = next(reader, None)
    if not headers:
        raise ImrDataError(f"{source}: the file is empty")
    position = {header_key(h): i for i, h in reversed(list(enumerate(headers)))}
    missing = [c.value for c in REQUIRED if c.value not in position]
    if missing:
        raise ImrDataError(
            f"{source}: no {' or '.join(missing)} column (the headers are "
            f"{', '.join(h.strip() for h in headers[:20])})"
        )

    def cell(row: list[str], column: Column) -> str:
        at = position.get(column.value)
        return row[at] if at is not None and at < len(row) else ""

    for row in reader:
        outcome = _outcome(cell(row, Column.DETERMINATION))
        treatment = fold(cell(row, Column.TREATMENT))
        if outcome is None or not treatment or treatment == "null":
            yield None
            continue
        key = Key(
            treatment=treatment,
            treatment_sub=fold(cell(row, Column.TREATMENT_SUB)),
            diagnosis=fold(cell(row, Column.DIAGNOSIS)),
            diagnosis_sub=fold(cell(row, Column.DIAGNOSIS_SUB)),
            type=fold(cell(row, Column.TYPE)),
        )
        yield key, outcome, _year(cell(row, Column.YEAR))


def index_lines(lines: Iterable[str], source: str = "IMR data") -> ImrIndex:
    """Count the decisions of CSV text given line by line (pure: lines in, counts out)."""
    counts: dict[Key, Tally] = {}
    rows = skipped = 0
    iterator = iter(lines)
    first = next(iterator, "")
    try:
        for found in _rows(itertools.chain((first,), iterator), _delimiter(first), source):
            if found is None:
                skipped += 1
                continue
            key, overturned, year = found
            rows += 1
            counts.setdefault(key, Tally()).add(overturned, year)
    except csv.Error as err:
        raise ImrDataError(f"{source}: not a readable CSV file: {err}") from err
    return ImrIndex(counts, rows, skipped)


@lru_cache(maxsize=4)
def _load(path: Path, size: int, mtime_ns: int) -> ImrIndex:
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            return index_lines(handle, str(path))
    except OSError as err:
        raise ImrDataError(f"{path}: cannot read the IMR data file: {err.strerror}") from err


def load_index(path: Path) -> ImrIndex:
    """The counts of the IMR data file at ``path``, read once per process (per file version)."""
    try:
        info = path.stat()
    except OSError as err:
        raise ImrDataError(f"{path}: cannot read the IMR data file: {err.strerror}") from err
    return _load(path.resolve(), info.st_size, info.st_mtime_ns)


class On(StrEnum):
    """What a count was matched on, most specific first."""

    TREATMENT_SUBCATEGORY = "treatment_subcategory"
    TREATMENT_CATEGORY = "treatment_category"
    DIAGNOSIS = "diagnosis"
    TYPE = "type"


@dataclass(frozen=True)
class Similar:
    """How the matching decisions went."""

    total: int
    overturned: int
    upheld: int
    years: tuple[int, int] | None
    """First and last report year, when the file has them."""
    matched_on: tuple[On, ...]

    @property
    def overturned_percent(self) -> int:
        return (200 * self.overturned + self.total) // (2 * self.total) if self.total else 0


def _treatment_test(match: Match, specific: bool) -> Callable[[Key], bool]:
    if specific and match.subcategories:
        return lambda k: k.treatment in match.categories and k.treatment_sub in match.subcategories
    return lambda k: k.treatment in match.categories


def _diagnosis_test(match: Match) -> Callable[[Key], bool]:
    return lambda k: k.diagnosis_sub in match.subcategories or k.diagnosis in match.categories


def _sum(index: ImrIndex, tests: list[Callable[[Key], bool]]) -> Tally:
    total = Tally()
    for key, tally in index.counts.items():
        if not all(test(key) for test in tests):
            continue
        total.overturned += tally.overturned
        total.upheld += tally.upheld
        if tally.first_year is not None and tally.last_year is not None:
            total.first_year = min(total.first_year or tally.first_year, tally.first_year)
            total.last_year = max(total.last_year or tally.last_year, tally.last_year)
    return total


def similar_cases(
    index: ImrIndex,
    treatment: Match,
    diagnosis: Match | None = None,
    review_type: str | None = None,
    *,
    minimum: int = MINIMUM_CASES,
) -> Similar | None:
    """The decisions most like the case that number at least ``minimum``, or None.

    Tried in turn: the treatment's subcategory with the diagnosis, its category with the
    diagnosis, then the treatment alone (subcategory, category). ``review_type`` (the data
    set's ``Type``, "Medical Necessity"...) narrows every step when given.
    """
    type_tests: list[Callable[[Key], bool]] = []
    base: tuple[On, ...] = ()
    if review_type:
        wanted = fold(review_type)
        type_tests = [lambda k: k.type == wanted]
        base = (On.TYPE,)
    steps: list[tuple[tuple[On, ...], list[Callable[[Key], bool]]]] = []
    for specific in (True, False):
        if not specific or treatment.subcategories:
            on = On.TREATMENT_SUBCATEGORY if specific else On.TREATMENT_CATEGORY
            test = _treatment_test(treatment, specific)
            if diagnosis is not None:
                steps.append(((on, On.DIAGNOSIS, *base), [test, _diagnosis_test(diagnosis)]))
            steps.append(((on, *base), [test]))
    steps.sort(key=lambda step: On.DIAGNOSIS not in step[0])  # stable: the pair first
    for matched_on, tests in steps:
        tally = _sum(index, tests + type_tests)
        total = tally.overturned + tally.upheld
        if total >= max(minimum, 1):
            years = None
            if tally.first_year is not None and tally.last_year is not None:
                years = (tally.first_year, tally.last_year)
            return Similar(total, tally.overturned, tally.upheld, years, matched_on)
    return None


_SUBJECT = {
    "en": {
        (On.TREATMENT_SUBCATEGORY, True): "the same treatment for the same kind of condition",
        (On.TREATMENT_CATEGORY, True): "the same kind of treatment for the same kind of condition",
        (On.TREATMENT_SUBCATEGORY, False): "the same treatment",
        (On.TREATMENT_CATEGORY, False): "the same kind of treatment",
    },
    "es": {
        (On.TREATMENT_SUBCATEGORY, True): "el mismo tratamiento para el mismo tipo de afección",
        (
            On.TREATMENT_CATEGORY,
            True,
        ): "el mismo tipo de tratamiento para el mismo tipo de afección",
        (On.TREATMENT_SUBCATEGORY, False): "el mismo tratamiento",
        (On.TREATMENT_CATEGORY, False): "el mismo tipo de tratamiento",
    },
}

_CAUTION = {
    "en": (
        "Past results do not predict your case: these cases had already been through the "
        "plan's appeal, and each one is decided on its own records."
    ),
    "es": (
        "Los resultados pasados no predicen el resultado de su caso: estos casos ya habían "
        "pasado por la apelación del plan, y cada uno se decide según sus propios expedientes."
    ),
}


def _years(years: tuple[int, int] | None, language: str, total: int) -> str:
    if years is None:
        return ""
    first, last = years
    if language == "es":
        decided = "decidida" if total == 1 else "decididas"
        if first == last:
            return f", {decided} en {first}"
        return f", {decided} entre {first} y {last}"
    return f", decided in {first}" if first == last else f", decided {first}\u2013{last}"


def cover_note(similar: Similar | None, language: str = "en") -> tuple[str, ...]:
    """One sentence with the counts and one with the caution, in English or Spanish ("es");
    ``()`` when there is nothing to say."""
    if similar is None or similar.total <= 0:
        return ()
    lang = "es" if language.strip().lower().startswith("es") else "en"
    treatment = next(o for o in similar.matched_on if o is not On.DIAGNOSIS and o is not On.TYPE)
    subject = _SUBJECT[lang][(treatment, On.DIAGNOSIS in similar.matched_on)]
    when = _years(similar.years, lang, similar.total)
    n, k, pct = similar.total, similar.overturned, similar.overturned_percent
    if lang == "es":
        reviews = "Revisión Médica Independiente" if n == 1 else "Revisiones Médicas Independientes"
        sentence = (
            f"En {n} {reviews} (IMR) sobre {subject}{when}, el revisor revocó la negación "
            f"del plan en {k} ({pct} %)."
        )
    else:
        reviews = (
            "Independent Medical Review (IMR)" if n == 1 else "Independent Medical Reviews (IMRs)"
        )
        sentence = (
            f"In {n} {reviews} about {subject}{when}, the reviewer overturned the "
            f"plan's denial in {k} ({pct}%)."
        )
    return sentence, _CAUTION[lang]

"""The fields the evaluation scores, how each is compared, and what it must reach (as data).

``FIELDS`` lists every field in the order reports print them, each with its comparison rule
and its target F1 (the issue's targets: route and category 0.95, every other field 0.90;
denial detection has its own, ``DETECTION_TARGET``). The rules:

============  ===================================================================
choice        an enum value (kind, route, category, decision), case-folded
flag          urgent: only True counts; False and "not reported" are the same
text          whitespace runs as one space, case-folded, surrounding punctuation dropped
identifier    whitespace removed, case-folded (hyphens and letters kept)
date          the same calendar day
phone         digits only, a leading country code 1 dropped
codes         a set of "SYSTEM CODE" strings, upper-cased, each matched once
phrases       a set of texts (criteria); one matches another when either contains the
              other after the text rule ("InterQual" matches "InterQual 2026 ...")
============  ===================================================================

``absent`` is a value that means "not reported": a route or category of "unknown" (the
letter names none, so the reader must not guess one) and urgent False. Both the label and
the reading are normalised, so a reader that says nothing where "unknown" is expected is
right, and one that guesses a route there is wrong (an FP).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from denialwatch.domain.model import (
    ADVERSE_KINDS,
    Category,
    Decision,
    DocumentKind,
    Finding,
    Reading,
    Route,
)
from denialwatch.evaluation.metrics import Counts, score_set, score_value

Value = str | bool | date | tuple[str, ...]
"""A field's value as labels.toml writes it and as it is read off a ``Reading``."""

DETECTION_TARGET = 0.97
ADVERSE = tuple(kind.value for kind in DocumentKind if kind in ADVERSE_KINDS)
"""The kinds that count as "a denial the patient can fight" for denial detection."""


class Compare(StrEnum):
    CHOICE = "choice"
    FLAG = "flag"
    TEXT = "text"
    IDENTIFIER = "identifier"
    DATE = "date"
    PHONE = "phone"
    CODES = "codes"
    PHRASES = "phrases"


@dataclass(frozen=True)
class FieldRule:
    name: str
    compare: Compare
    target: float
    """The F1 the reader must reach on this field."""
    choices: tuple[str, ...] = ()
    """For ``choice`` fields: the values a label may take."""
    absent: str | bool | None = None
    """A value that means the same as "not reported"."""

    @property
    def many(self) -> bool:
        return self.compare in (Compare.CODES, Compare.PHRASES)


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


FIELDS: tuple[FieldRule, ...] = (
    FieldRule("kind", Compare.CHOICE, 0.90, _values(DocumentKind)),
    FieldRule("insurer", Compare.TEXT, 0.90),
    FieldRule("plan_type", Compare.TEXT, 0.90),
    FieldRule("route", Compare.CHOICE, 0.95, _values(Route), absent=Route.UNKNOWN.value),
    FieldRule("category", Compare.CHOICE, 0.95, _values(Category), absent=Category.UNKNOWN.value),
    FieldRule("urgent", Compare.FLAG, 0.90, absent=False),
    FieldRule("member_id", Compare.IDENTIFIER, 0.90),
    FieldRule("group_number", Compare.IDENTIFIER, 0.90),
    FieldRule("reference_number", Compare.IDENTIFIER, 0.90),
    FieldRule("letter_date", Compare.DATE, 0.90),
    FieldRule("service_date", Compare.DATE, 0.90),
    FieldRule("service", Compare.TEXT, 0.90),
    FieldRule("decision", Compare.CHOICE, 0.90, _values(Decision)),
    FieldRule("grievance_date", Compare.DATE, 0.90),
    FieldRule("dmhc_case_number", Compare.IDENTIFIER, 0.90),
    FieldRule("codes", Compare.CODES, 0.90),
    FieldRule("criteria", Compare.PHRASES, 0.90),
    FieldRule("appeal_phone", Compare.PHONE, 0.90),
    FieldRule("appeal_fax", Compare.PHONE, 0.90),
)
BY_NAME: Mapping[str, FieldRule] = {rule.name: rule for rule in FIELDS}

_EDGE_PUNCTUATION = " \t.,;:'\"()[]"


def _text(value: str) -> str:
    return " ".join(value.split()).casefold().strip(_EDGE_PUNCTUATION)


def normalise(rule: FieldRule, value: Value | None) -> Value | None:
    """The comparable form of ``value`` under ``rule``; None for "not reported"."""
    if value is None:
        return None
    result: Value
    if rule.compare is Compare.FLAG:
        result = bool(value)
    elif rule.compare is Compare.DATE:
        if not isinstance(value, date):
            raise TypeError(f"{rule.name}: a date is expected, not {value!r}")
        result = value
    elif rule.many:
        items = value if isinstance(value, tuple) else (str(value),)
        if rule.compare is Compare.CODES:
            result = tuple(sorted({" ".join(item.split()).upper() for item in items}))
        else:
            result = tuple(text for item in items if (text := _text(item)))
    elif rule.compare is Compare.PHONE:
        digits = re.sub(r"\D", "", str(value))
        result = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    elif rule.compare is Compare.IDENTIFIER:
        result = "".join(str(value).split()).casefold()
    elif rule.compare is Compare.CHOICE:
        result = str(value).casefold()
    else:
        result = _text(str(value))
    absent = rule.absent.casefold() if isinstance(rule.absent, str) else rule.absent
    if result in ((), "") or (absent is not None and result == absent):
        return None
    return result


def _same(rule: FieldRule, expected: object, read: object) -> bool:
    if rule.compare is Compare.PHRASES and isinstance(expected, str) and isinstance(read, str):
        return expected in read or read in expected
    return expected == read


def score(rule: FieldRule, expected: Value | None, read: Value | None) -> Counts:
    """TP, FP and FN of one field of one email (the rule in ``metrics``)."""
    want = normalise(rule, expected)
    got = normalise(rule, read)
    if rule.many:
        want_items = want if isinstance(want, tuple) else ()
        got_items = got if isinstance(got, tuple) else ()
        return score_set(want_items, got_items, lambda a, b: _same(rule, a, b))
    return score_value(want, got, lambda a, b: _same(rule, a, b))


def _plain(finding: Finding[str] | None) -> str | None:
    return finding.value if finding is not None else None


def _day(finding: Finding[date] | None) -> date | None:
    return finding.value if finding is not None else None


def read_values(reading: Reading | None) -> dict[str, Value]:
    """Every field the reader reported, in the labels' terms (None: nothing was read)."""
    if reading is None:
        return {}
    found: dict[str, Value | None] = {
        "kind": reading.kind.value,
        "insurer": _plain(reading.insurer),
        "plan_type": _plain(reading.plan_type),
        "route": reading.route.value.value if reading.route else None,
        "category": reading.category.value.value if reading.category else None,
        "urgent": reading.urgent.value if reading.urgent else None,
        "member_id": _plain(reading.member_id),
        "group_number": _plain(reading.group_number),
        "reference_number": _plain(reading.reference_number),
        "letter_date": _day(reading.letter_date),
        "service_date": _day(reading.service_date),
        "service": _plain(reading.service),
        "decision": reading.decision.value.value if reading.decision else None,
        "grievance_date": _day(reading.grievance_date),
        "dmhc_case_number": _plain(reading.dmhc_case_number),
        "codes": tuple(f"{c.value.system} {c.value.code}" for c in reading.codes),
        "criteria": tuple(c.value for c in reading.criteria),
        "appeal_phone": _plain(reading.appeal_phone),
        "appeal_fax": _plain(reading.appeal_fax),
    }
    return {name: value for name, value in found.items() if value is not None and value != ()}

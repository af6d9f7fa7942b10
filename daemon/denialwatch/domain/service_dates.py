"""The date of service: when the care a letter or claim is about was (or would be) given.

A pre-service denial prints the date requested ("Date of service requested: 12/30/2025"); a
claim or an explanation of benefits prints the day the care was given, often as a range
("Dates of service: 03/02/2026 - 03/05/2026"), whose first day is the value: the day the
service began. The letter's own date is never the service date: a plain "Date:" is not a
label here, and a date alone on a line is the letter's (``extract.find_letter_date``).

Rules, in order, documents in order of preference, each document with every rule:

- a labelled field (0.9): "Date of service", "Date(s) of service", "Service date", "DOS",
  "Fecha de servicio"; an admission date is a weaker label (0.7);
- a column of a claim table (0.7): the first date under a header cell that is the label,
  in the same ``|`` cell or nearest its column;
- a phrase (0.6): "your visit on", "services received between", "Your claim for the sleep
  study (CPT 95810) on".

Invariant (tested): the value is one of ``find_dates(quote)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from denialwatch.domain import quote
from denialwatch.domain.dates import find_dates
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED, PHRASE, by_document
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import Page

_SERVICE_DATE_LABEL = re.compile(
    r"(?:(?P<labelled>(?:expected\s++|requested\s++|actual\s++)?dates?(?:\(s\))?\s++of\s++"
    r"(?:the\s++)?services?(?:\s++requested)?|(?:expected\s++|requested\s++)?services?\s++"
    r"dates?(?:\(s\))?|(?-i:\bDOS\b)|fechas?(?:\(s\))?\s++del?\s++(?:los\s++)?servicios?)"
    r"|(?P<admission>(?:date\s++of\s++)?admission(?:\s++date)?|admit\s++date"
    r"|fecha\s++de\s++(?:admisi[oó]n|ingreso)))"
    r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?(?:\*\*)?[:#]?(?:\*\*)?[ \t]*+(?P<rest>[^\n]{0,80})",
    re.IGNORECASE,
)
"""A service-date label and the rest of its line ("Date(s) of service: 03/02/2026 - 03/05/2026",
"DOS 03/02/2026", "Fecha de servicio: 2 de marzo de 2026"); an admission date is a weaker
label (the first day of an inpatient stay)."""
DATE_REACH = 40
"""How far after its label a service date may start (farther, it is some other field's)."""
_SERVICE_DATE_PHRASE = re.compile(
    r"\bservices?\s++(?:you\s++)?(?:received|provided|rendered|performed)\s++(?:on|between|from)"
    r"|\b(?:your\s++)?(?:visit|stay|admission|surgery|procedure|appointment|treatment|services?"
    r"|test|study)\s++(?:on|of)(?=\s)|\badmitted\s++(?:to\s++[^.\n]{1,60}?\s++)?on"
    r"|\bclaim\s++for\s++[^.\n]{1,80}?\s++(?:on|received\s++on|provided\s++on)(?=\s)"
    r"|\bservicios?\s++(?:recibidos?|prestados?)\s++(?:el|entre)|\bsu\s++visita\s++del",
    re.IGNORECASE,
)
"""A date of service in a sentence: "services received between", "your visit on", "Your claim
for the sleep study (CPT 95810) on"; the date must follow at once."""
_TABLE_SEPARATOR = re.compile(r"[\s|:+=-]*+")
TABLE_ROWS = 3
"""Rows under a column header searched for its value."""


def find_service_date(pages: Sequence[Page]) -> Finding[date] | None:
    """The date of service: a labelled field ("Date of service", "Service date", "DOS",
    "Fecha de servicio"), a column of a claim table, else a phrase ("your visit on ...").
    For a range ("Dates of service: 03/02/2026 - 03/05/2026") it is the first day, and the
    quote holds the whole range. Never the letter's date: a plain "Date:" is not a label here.
    Documents in order, each with every rule."""
    for document in by_document(pages):
        for finder in (_labelled_service_date, _column_service_date, _phrase_service_date):
            found = quote.first(finder(page) for page in document)
            if found is not None:
                return found
    return None


def _labelled_service_date(page: Page) -> Finding[date] | None:
    for label in quote.matches(_SERVICE_DATE_LABEL, page.text):
        rest, offset = label.group("rest"), label.start("rest")
        if not rest.strip():  # "Date of service" alone on its line, the date on the next
            offset = label.end() + 1
            rest = page.text[offset : offset + DATE_REACH + 40].split("\n", 1)[0]
        printed = _date_at_start(rest)
        if printed is None:
            continue
        value, start, end = printed
        confidence = GENERIC_LABEL if label.group("admission") else LABELLED
        unit = quote.line_span(page.text, label.start(), offset + end)
        span = (offset + start, offset + end)
        found = _checked(quote.derived(page, value, span, unit, confidence))
        if found is not None:
            return found
    return None


def _date_at_start(text: str) -> tuple[date, int, int] | None:
    """The first date of ``text`` if it starts within DATE_REACH with no other label before."""
    for value, start, end in find_dates(text[: DATE_REACH + 40])[:1]:
        if start <= DATE_REACH and ":" not in text[:start]:
            return value, start, end
    return None


def _column_service_date(page: Page) -> Finding[date] | None:
    """A claim table: a header cell "Date(s) of Service" and the first date under it."""
    for label in quote.matches(_SERVICE_DATE_LABEL, page.text):
        if label.group("admission") or _date_at_start(label.group("rest")) is not None:
            continue
        line_start = page.text.rfind("\n", max(0, label.start() - quote.WINDOW), label.start())
        column = label.start() - line_start - 1
        cell = page.text.count("|", line_start + 1, label.start())
        position = page.text.find("\n", label.end(), label.end() + quote.WINDOW)
        for _ in range(TABLE_ROWS):
            if position < 0:
                break
            row_end = page.text.find("\n", position + 1, position + 1 + quote.WINDOW)
            row_end = len(page.text) if row_end < 0 else row_end
            row = page.text[position + 1 : row_end]
            if _TABLE_SEPARATOR.fullmatch(row):
                position = row_end if row.strip() else -1
                continue
            printed = _date_in_column(row, column, cell)
            if printed is not None:
                value, start, end = printed
                span = (position + 1 + start, position + 1 + end)
                unit = quote.line_span(page.text, span[0], span[1])
                found = _checked(quote.derived(page, value, span, unit, GENERIC_LABEL))
                if found is not None:
                    return found
                break
            position = row_end
    return None


def _date_in_column(row: str, column: int, cell: int) -> tuple[date, int, int] | None:
    """The date under a header: the same ``|`` cell, else the date nearest the column."""
    dates = find_dates(row)
    if not dates:
        return None
    if cell and row.count("|") >= cell:
        in_cell = [d for d in dates if row.count("|", 0, d[1]) == cell]
        return in_cell[0] if in_cell else None
    return min(dates, key=lambda d: abs(d[1] - column))


def _phrase_service_date(page: Page) -> Finding[date] | None:
    for phrase in quote.matches(_SERVICE_DATE_PHRASE, page.text):
        after = page.text[phrase.end() : phrase.end() + DATE_REACH + 40]
        for value, start, end in find_dates(after)[:1]:
            if after[:start].strip():
                break
            span = (phrase.end() + start, phrase.end() + end)
            unit = quote.sentence_span(page.text, phrase.start(), span[1])
            return _checked(quote.derived(page, value, span, unit, PHRASE))
    return None


def _checked(found: Finding[date]) -> Finding[date] | None:
    """The finding, if its quote reads back as its date (a date glued to its label, as in
    "Date of serviceJanuary 5, 2026", does not)."""
    return found if found.value in [value for value, _, _ in find_dates(found.quote)] else None

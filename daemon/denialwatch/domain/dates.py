"""Dates as letters print them, found in text: US, ISO and Spanish forms.

Formats: "January 5, 2026", "Jan. 5 2026", "5 January 2026", "01/05/2026", "1/5/26",
"1-5-2026" (month first, as US letters write them), "2026-01-05", "5 de enero de 2026" (also
"5de enero de 2026": OCR drops that space). A two-digit year is 20YY. Impossible dates
("February 30") are skipped, never guessed.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

MAX_DATES = 200
"""Dates returned per text; a letter prints a handful."""

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SPANISH_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SPANISH_NAME = "(?:" + "|".join(_SPANISH_MONTHS) + ")"
_DATE = re.compile(
    rf"\b(?P<mdy_m>{_MONTH_NAME})\.?\s++(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s++(?P<mdy_y>\d{{4}})\b"
    rf"|\b(?P<dmy_d>\d{{1,2}})\s++(?P<dmy_m>{_MONTH_NAME})\.?,?\s++(?P<dmy_y>\d{{4}})\b"
    rf"|\b(?P<es_d>\d{{1,2}})\s*+de\s++(?P<es_m>{_SPANISH_NAME})\s++del?\s++(?P<es_y>\d{{4}})\b"
    r"|(?<![\d/-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\d/-])"
    r"|(?<![\d/-])(?P<us_m>\d{1,2})(?P<sep>[/-])(?P<us_d>\d{1,2})(?P=sep)(?P<us_y>\d{4}|\d{2})"
    r"(?![\d/-])",
    re.IGNORECASE,
)


def _parts(match: re.Match[str]) -> tuple[str, str, str, str]:
    """(year, month, day, how the month is written: 'en', 'es' or 'num')."""
    for prefix, kind in (("mdy", "en"), ("dmy", "en"), ("es", "es")):
        if match.group(f"{prefix}_y"):
            return match[f"{prefix}_y"], match[f"{prefix}_m"], match[f"{prefix}_d"], kind
    if match.group("iso_y"):
        return match["iso_y"], match["iso_m"], match["iso_d"], "num"
    return match["us_y"], match["us_m"], match["us_d"], "num"


def _to_date(match: re.Match[str]) -> date | None:
    year, month, day, kind = _parts(match)
    if kind == "en":
        number = _MONTHS[month[:3].lower()]
    elif kind == "es":
        number = _SPANISH_MONTHS[month.lower()]
    else:
        number = int(month)
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return date(full_year, number, int(day))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every valid date in ``text`` with its span, in order (at most MAX_DATES)."""
    found: list[tuple[date, int, int]] = []
    for match in itertools.islice(_DATE.finditer(text), MAX_DATES):
        value = _to_date(match)
        if value is not None:
            found.append((value, match.start(), match.end()))
    return found

"""When something happened, as a patient writes it in a reply.

A reply says "on 11/20", "el 20 de noviembre", "Nov 20th", "yesterday", "ayer", "last Friday",
"el viernes pasado", "3 days ago", "hace tres días", "today", "hoy", or a full date ("November
20, 2025", "2025-11-20", "20/11/2025"). Each is resolved against ``today``, the day the reply
came (patient's zone):

- a date with a year is taken as written; one after ``today`` is kept but marked future
  (``Written.on`` is None): a plan ("I will mail it on 12/5/2026") or a typo, never an event;
- a date without a year is the most recent such day not after ``today`` ("12/20" read on
  2026-01-05 is 2025-12-20; "2/29" the last 29 February);
- numbers are month first in English and day first in Spanish ("3/5": March 5 / 3 de mayo),
  whichever reading is a real date when only one is ("20/11" is 20 November in both);
- a weekday is the most recent one not after ``today``; "last"/"pasado" makes it strictly
  before; "next", "this", "próximo", "que viene" make it a future day (None);
- a day alone ("on the 25th", "el día 25") takes the month of a date written just before it
  when that gives a day between the two, else it is the most recent such day;
- "last week", "la semana pasada" and the like are too vague for a day and are not read.

Full dates with a year in words or ISO form come from ``domain.dates.find_dates``; this
module adds what replies have and letters do not. It works on the folded text (see
``replies.text.fold``: accents off, curly quotes straight, same length), so spans are the
same in the patient's own text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from denialwatch.domain.dates import find_dates

MAX_DATES = 100
"""Dates looked at per reply; a reply names a handful."""
LEAP_YEARS_BACK = 8
CONTEXT_CHARS = 200
"""How far back a full date gives its month to a day alone ("on the 25th")."""

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sabado": 5, "domingo": 6,
}  # fmt: skip
_DAYS_BACK = {
    "the day before yesterday": 2, "day before yesterday": 2, "antes de ayer": 2,
    "anteayer": 2, "antier": 2, "yesterday": 1, "last night": 1, "ayer": 1, "anoche": 1,
    "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
    "just now": 0, "hoy": 0, "esta manana": 0, "esta tarde": 0, "esta noche": 0,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "un par de": 2,
}  # fmt: skip


def _words(table: dict[str, int]) -> str:
    return "|".join(
        re.escape(word).replace(r"\ ", r"\s++") for word in sorted(table, key=len)[::-1]
    )


_MONTH = rf"(?:{_words(_MONTHS)})"
_COUNT = rf"(?:\d{{1,2}}|{_words(_NUMBERS)})"
_ORDINAL = r"(?:st|nd|rd|th|ro|do|er|vo|to)?"
_DATE = re.compile(
    rf"\b(?P<back>{_words(_DAYS_BACK)})\b"
    rf"|\b(?P<ago_n>{_COUNT})\s++(?P<ago_unit>days?|weeks?)\s++ago\b"
    rf"|\bhace\s++(?P<hace_n>{_COUNT})\s++(?P<hace_unit>dias?|semanas?)\b"
    rf"|\b(?:(?P<wd_pre>last|this\s++past|past|next|this\s++coming|coming|this|pasado|proximo|este)\s++)?"
    rf"(?P<wd>{_words(_WEEKDAYS)})\b(?P<wd_post>\s++(?:pasado|que\s++viene|proximo))?"
    rf"|\b(?P<md_m>{_MONTH})\.?\s++(?P<md_d>\d{{1,2}}){_ORDINAL}\b(?!\s*+,?\s*+(?:de\s++)?\d{{4}})"
    rf"|\b(?P<dm_d>\d{{1,2}}){_ORDINAL}\s*+(?:of\s++|de\s++)?(?P<dm_m>{_MONTH})\b"
    rf"(?!\.?\s*+,?\s*+(?:del?\s++)?\d{{4}})"
    r"|(?<![\w/.,-])(?P<num_a>\d{1,2})(?P<sep>[/.-])(?P<num_b>\d{1,2})"
    r"(?:(?P=sep)(?P<num_y>\d{4}|\d{2}))?(?![\w/]|[.-]\d)"
    r"|\b(?:on\s++the|el\s++dia)\s++(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*+(?:of|de)\b)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}")


class _NoDay(Enum):
    """What a match resolves to when it names no real day ("2/30")."""

    NO_DAY = 0


NO_DAY = _NoDay.NO_DAY


@dataclass(frozen=True)
class Written:
    """A date as the patient wrote it: the day, or None for a day after ``today``."""

    on: date | None
    start: int
    end: int
    day_only: bool = False
    """Written without a month ("on the 25th")."""


def dates_in(folded: str, *, today: date, day_first: bool) -> list[Written]:
    """Every date ``folded`` names, resolved against ``today``, in order of position."""
    found: list[Written] = []
    taken: list[tuple[int, int]] = []
    for value, start, end in find_dates(folded)[:MAX_DATES]:
        if _NUMERIC.fullmatch(folded, start, end) is None:  # numbers: read below, by language
            found.append(Written(value if value <= today else None, start, end))
            taken.append((start, end))
    for match in itertools.islice(_DATE.finditer(folded), MAX_DATES):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        resolved = _resolve(match, today, day_first)
        if resolved is not NO_DAY:
            found.append(Written(resolved, match.start(), match.end(), bool(match["day"])))
    found.sort(key=lambda written: written.start)
    return [_in_context(written, found, today) for written in found]


def _in_context(written: Written, found: list[Written], today: date) -> Written:
    """ "on the 25th" just after "November 20th" is 25 November, not the last 25th."""
    if not written.day_only:
        return written
    before = [
        other.on
        for other in found
        if not other.day_only
        and other.on is not None
        and other.end <= written.start
        and written.start - other.end <= CONTEXT_CHARS
    ]
    if not before or written.on is None:
        return written
    try:
        candidate = before[-1].replace(day=written.on.day)
    except ValueError:
        return written
    return replace(written, on=candidate) if before[-1] <= candidate <= today else written


def _resolve(match: re.Match[str], today: date, day_first: bool) -> date | _NoDay | None:
    """The day ``match`` names; None for a future day; NO_DAY when it names no real day."""
    if match["back"]:
        return today - timedelta(days=_DAYS_BACK[_key(match["back"])])
    if match["ago_n"] or match["hace_n"]:
        count = _count(match["ago_n"] or match["hace_n"])
        unit = (match["ago_unit"] or match["hace_unit"]).lower()
        return today - timedelta(days=count * (7 if unit.startswith(("week", "semana")) else 1))
    if match["wd"]:
        return _weekday(match, today)
    if match["md_m"] or match["dm_m"]:
        month = _MONTHS[_key(match["md_m"] or match["dm_m"])]
        return _recent(today, month, int(match["md_d"] or match["dm_d"]))
    if match["day"]:
        return _recent_day_of_month(today, int(match["day"]))
    return _numeric(match, today, day_first)


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _count(words: str) -> int:
    return int(words) if words.isdigit() else _NUMBERS[_key(words)]


def _weekday(match: re.Match[str], today: date) -> date | None:
    before = _key(match["wd_pre"] or "")
    after = _key(match["wd_post"] or "")
    if before in {"next", "this coming", "coming", "this", "proximo", "este"} or after in {
        "que viene",
        "proximo",
    }:
        return None
    back = (today.weekday() - _WEEKDAYS[match["wd"].lower()]) % 7
    if back == 0 and (before in {"last", "this past", "past", "pasado"} or after == "pasado"):
        back = 7
    return today - timedelta(days=back)


def _recent(today: date, month: int, day: int) -> date | _NoDay:
    """The most recent ``month``/``day`` not after ``today``; NO_DAY when there is none."""
    for year in range(today.year, today.year - LEAP_YEARS_BACK - 1, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            if month == 2 and day == 29:
                continue
            return NO_DAY
        if candidate <= today:
            return candidate
    return NO_DAY


def _recent_day_of_month(today: date, day: int) -> date | _NoDay:
    """The most recent day numbered ``day`` ("on the 20th") not after ``today``."""
    year, month = today.year, today.month
    for _ in range(12):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= today:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return NO_DAY


def _numeric(match: re.Match[str], today: date, day_first: bool) -> date | _NoDay | None:
    """ "3/5", "20/11", "3-5-2026", "20.11.2025": month first in English, day first in
    Spanish, the other reading when only it is a real date. Without a year, only "/"."""
    first, second = int(match["num_a"]), int(match["num_b"])
    year_text = match["num_y"]
    if year_text is None and match["sep"] != "/":
        return NO_DAY
    readings = (
        [(second, first), (first, second)] if day_first else [(first, second), (second, first)]
    )
    for month, day in readings:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if year_text is None:
            resolved = _recent(today, month, day)
            if resolved is not NO_DAY:
                return resolved
            continue
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        try:
            written = date(year, month, day)
        except ValueError:
            continue
        return written if written <= today else None
    return NO_DAY

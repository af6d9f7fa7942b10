"""Dates as mail clients print them in a forward's header block.

A forwarded header block shows the original's date for people, not for parsers: "Wed, Oct 27,
2021 at 9:31 AM" (Gmail), "Wednesday, October 27, 2021 15:14" (Outlook), "25 October 2021
at 11:17:21 EEST" (Apple Mail), "jueves, 28 de octubre de 2021, 12:46" (Outlook in
Spanish), "02/10/2023 4:52 PM EST". RFC 5322 dates are tried first; otherwise the text is
read piece by piece: a numeric date, a time with an optional AM/PM, a four-digit year, a
month name (English, Spanish, French, German, Italian, Portuguese, Dutch) and a day.

Numeric dates are read day-first when the first number cannot be a month, otherwise
month-first (these are Californian patients' US-locale clients), except with dots
(27.10.2021), which only day-first locales print.

Most clients print no zone. Such a date is read in the ``zone`` the caller passes (the
forwarder's own UTC offset), and is ``None`` when there is none: a date wrong by a day is
worse than no date when deadlines are counted from it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

_MONTH_NAMES = (
    "january jan enero ene janvier janv januar jän gennaio gen janeiro januari",
    "february feb febrero février févr februar febbraio fevereiro fev februari",
    "march mar marzo mars märz mär março maart mrt",
    "april apr abril abr avril avr aprile aprilie",
    "may mayo mai maggio mag maio mei",
    "june jun junio juin juni giugno giu junho",
    "july jul julio juillet juil juli luglio lug julho",
    "august aug agosto ago août aout augustus",
    "september sep sept septiembre setiembre septembre settembre set setembro",
    "october oct octubre octobre okt oktober ottobre ott outubro out",
    "november nov noviembre novembre novembro",
    "december dec diciembre dic décembre déc dezember dez dicembre dezembro",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_ZONE_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "mez": 1,
    "cest": 2, "mesz": 2, "eet": 2, "oez": 2, "eest": 3, "oesz": 3, "est": -5, "edt": -4,
    "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9,
    "akdt": -8, "hst": -10,
}  # fmt: skip

_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})([/.\-])\s?(\d{1,2})\2\s?(\d{4}|\d{2})(?!\d)")
_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?"
)
_NAMED_OFFSET = re.compile(r"\b(?:gmt|utc)\s*([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)")
_NUMERIC_OFFSET = re.compile(r"(?<![\d\w])([+-])(\d{2}):?(\d{2})(?!\d)")
_ZONE_NAME = re.compile(r"\b(" + "|".join(sorted(_ZONE_HOURS, key=len)[::-1]) + r")\b")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_DAY = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")


def parse_printed_date(value: str, zone: tzinfo | None) -> datetime | None:
    """The date a mail client printed, timezone-aware; ``zone`` when it printed none."""
    value = " ".join(value.split())
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return parsed
    return _read_pieces(value.lower(), zone)


def _read_pieces(text: str, zone: tzinfo | None) -> datetime | None:
    found_zone, text = _take_zone(text)
    zone = found_zone or zone
    if zone is None:
        return None
    numeric = _NUMERIC_DATE.search(text)
    ymd = _numeric_date(numeric) if numeric else None
    if numeric and ymd:
        text = text[: numeric.start()] + " " + text[numeric.end() :]
    hour = minute = second = 0
    clock = _TIME.search(text)
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        if clock[4] == "p" and hour < 12:
            hour += 12
        elif clock[4] == "a" and hour == 12:
            hour = 0
        text = text[: clock.start()] + " " + text[clock.end() :]
    ymd = ymd or _worded_date(text)
    if ymd is None:
        return None
    try:
        return datetime(*ymd, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def _take_zone(text: str) -> tuple[tzinfo | None, str]:
    for pattern in (_NAMED_OFFSET, _NUMERIC_OFFSET):
        match = pattern.search(text)
        if match:
            minutes = int(match[2]) * 60 + int(match[3] or 0)
            if minutes > 14 * 60:
                continue
            sign = -1 if match[1] == "-" else 1
            offset = timezone(timedelta(minutes=sign * minutes))
            return offset, text[: match.start()] + " " + text[match.end() :]
    named = _ZONE_NAME.search(text)
    if named:
        offset = timezone(timedelta(hours=_ZONE_HOURS[named[1]]))
        return offset, text[: named.start()] + " " + text[named.end() :]
    return None, text


def _numeric_date(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) from "28/10/2021", "10/28/21", "27.10.2021" or "2021-10-27"."""
    first, separator, second, last = int(match[1]), match[2], int(match[3]), match[4]
    if len(match[1]) == 4:
        return (first, second, int(last)) if len(last) <= 2 else None
    if len(match[1]) == 3 or (len(last) == 2 and separator != "/"):
        # "09.26.50" is a time, not a date: two-digit years only with slashes.
        return None
    year = int(last) + (2000 if len(last) == 2 else 0)
    day_first = first > 12 or (second <= 12 and separator == ".")
    return (year, second, first) if day_first else (year, first, second)


def _worded_date(text: str) -> tuple[int, int, int] | None:
    year_match = _YEAR.search(text)
    if year_match is None:
        return None
    text = text[: year_match.start()] + " " + text[year_match.end() :]
    # A weekday abbreviation can look like a month ("mar" is martes and March); the month
    # comes after the weekday, so the last month word wins.
    months = [_MONTHS[w.rstrip(".")] for w in _WORD.findall(text) if w.rstrip(".") in _MONTHS]
    days = [int(d) for d in _DAY.findall(text) if 1 <= int(d) <= 31]
    if not months or not days:
        return None
    return int(year_match[1]), months[-1], days[0]

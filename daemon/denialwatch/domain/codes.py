"""Codes printed on a letter or an explanation of benefits (EOB): procedures, drugs,
diagnoses, and the claim adjustment reason and remark codes that say why a line was denied.

The vocabulary of ``Code.system`` and the form of ``Code.code`` (``FORMATS``):

========  ===================================================================================
CPT       5 digits, or 4 digits and F, T or U (Category II, III, PLA); a modifier ("-26") is
          dropped
HCPCS     Level II: a letter A-V and 4 digits ("E1161", "J9271"), modifier dropped
NDC       as printed: 5-4-2, 4-4-2 or 5-3-2 with hyphens, or 11 digits after an NDC label
          (not padded to 11 digits: the quote must still show it)
ICD-10    ICD-10-CM: a letter, a digit, a digit or letter, then "." and up to 4 characters;
          one printed without its dot gets it ("M5416" is "M54.16")
CARC      a claim adjustment reason code: 1-3 digits or A/B/D/P/W/Y and 1-2 digits, with
          its group code (CO, PR, OA, PI) when printed beside it: "CO-50", else "50"
RARC      a remittance advice remark code: M, MA or N and digits ("N130", "MA01")
========  ===================================================================================

A number is only read as a code where the letter says it is one, because five digits are also
ZIP codes and amounts, and a letter and two digits are also vitamins ("B12"):

- labelled (0.9): right after a label ("CPT 72148", "HCPCS: K0823", "NDC 0002-8215-01",
  "ICD-10: M54.16", "Dx M54.16", "CARC 50", "Reason code CO-50", "Remark codes N130, M15"),
  or anywhere on a labelled line ("Diagnosis: Lumbar radiculopathy (M54.16)"; there a code
  without its dot must be in brackets);
- in a table column (0.7) whose header names the system ("Procedure code", "Dx", "Remark");
- by its shape alone: a group code and reason ("CO-50") or a hyphenated NDC (0.7), and a
  HCPCS code (0.5) on a line that is not an identifier's ("Contract H5425" is a Medicare
  contract, not a code).

The result is deduplicated on (system, code), keeping the most confident reading, in reading
order, at most ``MAX_CODES``.

Invariant (tested): ``Code.code`` fully matches ``FORMATS[system]``, and without spaces and
punctuation it occurs in the quote without spaces and punctuation (``skeleton``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from denialwatch.domain import quote
from denialwatch.domain.extract import GENERIC_LABEL, GUESS, LABELLED
from denialwatch.domain.model import Code, Finding
from denialwatch.domain.quote import Page

CPT = "CPT"
HCPCS = "HCPCS"
NDC = "NDC"
ICD10 = "ICD-10"
CARC = "CARC"
RARC = "RARC"
MAX_CODES = 25
MAX_LIST = 12
"""Codes read after one label ("CPT codes 95810, 95811 and 95782")."""
FIELD_CHARS = 160
"""How much of a labelled line is searched for codes."""
TABLE_ROWS = 30
TOKEN_CHARS = 16
"""Longer than any code with its modifier: a code starting on a line is read whole."""

FORMATS: dict[str, re.Pattern[str]] = {
    CPT: re.compile(r"\d{4}[0-9FTU]"),
    HCPCS: re.compile(r"[A-V]\d{4}"),
    NDC: re.compile(r"\d{5}-\d{4}-\d{2}|\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{11}"),
    ICD10: re.compile(r"[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?"),
    CARC: re.compile(r"(?:(?:CO|PR|OA|PI)-)?(?:\d{1,3}|[ABDPWY]\d{1,2})"),
    RARC: re.compile(r"MA\d{2,3}|[MN]\d{1,3}"),
}

_END = r"(?![\w-])"
_MODIFIER = r"(?:-[0-9A-Z]{2})?"
_TOKENS: dict[str, re.Pattern[str]] = {
    CPT: re.compile(r"(?<![\w.$,/-])(?P<code>\d{4}[0-9FTU])" + _MODIFIER + _END),
    HCPCS: re.compile(r"(?<![\w./#-])(?P<code>[A-V]\d{4})" + _MODIFIER + _END),
    NDC: re.compile(
        r"(?<![\w-])(?P<code>\d{5}-\d{4}-\d{2}|\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{11})" + _END
    ),
    ICD10: re.compile(r"(?<![\w.-])(?P<code>[A-Z]\d[0-9A-Z](?:\.?[0-9A-Z]{1,4})?)" + _END),
    CARC: re.compile(
        r"(?<![\w-])(?:(?P<group>CO|PR|OA|PI)[-\s]?)?(?P<code>\d{1,3}|[ABDPWY]\d{1,2})" + _END
    ),
    RARC: re.compile(r"(?<![\w-])(?P<code>MA\d{2,3}|[MN]\d{1,3})" + _END),
}
"""Where each system's code may be read once the context allows it (case-sensitive)."""

_PROCEDURE = (CPT, HCPCS)
_LABELS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (systems, re.compile(pattern, re.IGNORECASE))
    for systems, pattern in (
        (
            _PROCEDURE,
            r"\b(?:CPT|HCPCS)(?:®|\(R\))?(?:[ \t]*+/[ \t]*+(?:CPT|HCPCS))?"
            r"(?:[ \t]++level[ \t]++II)?(?:[ \t]++codes?)?|\bproc(?:edure|\.)[ \t]++codes?"
            r"|c[oó]digos?[ \t]++(?:CPT|HCPCS|de[ \t]++procedimiento)",
        ),
        ((NDC,), r"\bNDC(?:[ \t]++(?:codes?|numbers?|no\.))?|\bnational[ \t]++drug[ \t]++codes?"),
        (
            (ICD10,),
            r"\bICD[-\s]?10(?:[-\s]?CM)?(?:[ \t]++(?:diagnosis[ \t]++)?codes?)?"
            r"|\bICD(?:[ \t]++codes?)?|\bdiagnos(?:is|es|tic)(?:[ \t]++codes?)?|(?-i:\bD[xX]\b)"
            r"|\bdiag\b\.?(?:[ \t]++codes?)?"
            r"|\bc[oó]digos?[ \t]++de[ \t]++diagn[oó]stico|\bdiagn[oó]sticos?",
        ),
        (
            (CARC,),
            r"\bCARCs?\b|\bclaim[ \t]++adjustment[ \t]++reason[ \t]++codes?(?:[ \t]*+\(CARCs?\))?"
            r"|\b(?:adj(?:ustment|\.)?[ \t]++|denial[ \t]++|group[ \t]*+/[ \t]*+)?reason"
            r"[ \t]++codes?"
            r"|\badj(?:ustment|\.)?[ \t]++codes?|\bdenial[ \t]++codes?"
            r"|\bc[oó]digos?[ \t]++de[ \t]++(?:motivo|raz[oó]n|ajuste)",
        ),
        (
            (RARC,),
            r"\bRARCs?\b|\b(?:remittance[ \t]++advice[ \t]++)?remark[ \t]++codes?"
            r"(?:[ \t]*+\(RARCs?\))?"
            r"|\bremarks?\b|\bc[oó]digos?[ \t]++de[ \t]++observaci[oó]n",
        ),
    )
)
"""Labels, and the systems a code after each may belong to."""
_LABEL_SEP = re.compile(
    r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?(?:\*\*)?(?:#[ \t]*+:?|:)?(?:\*\*)?[ \t]*+(?:of[ \t]++)?"
    r"(?:\(\s*+)?"
)
_LIST_SEP = re.compile(
    r"[ \t]*+(?:[,;/&+]|\band\b|\bor\b|\by\b)?[ \t]*+(?:\(\s*+)?|\)[ \t]*+,?[ \t]*+"
)
_FIELD_START = re.compile(r"[ \t]*+(?:[-•*|][ \t]*+)?(?:\*\*)?")
_FIELD_SEP = re.compile(r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?(?:\*\*)?:")
_SPACES = re.compile(r"[ \t]*+")
_WRAP = re.compile(r"\r?\n[ \t]*+(?:\(\s*+)?")
MAX_CELLS = 40
_CELL = re.compile(r"[^\s|]++(?:[ ][^\s|]++)*+")
"""A table cell: words separated by single spaces (columns are two or more spaces apart)."""
_CELL_TRIM = "*#:_ \t"
_ID_LINE = re.compile(
    r"\b(?:id|number|no\.|contract|plan|claim|reference|ref|authori[sz]ation|case|member|policy"
    r"|form|omb|tracking|account|pbp)\b|#",
    re.IGNORECASE,
)
"""Words on a line before an unlabelled code that make it an identifier, not a code."""
_SHAPES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        CARC,
        re.compile(r"(?<![\w-])(?P<group>CO|PR|OA|PI)-(?P<code>\d{1,3}|[ABDPWY]\d{1,2})" + _END),
        GENERIC_LABEL,
    ),
    (
        NDC,
        re.compile(
            r"(?<![\w-])(?P<code>\d{5}-\d{4}-\d{2}|\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2})" + _END
        ),
        GENERIC_LABEL,
    ),
    (HCPCS, _TOKENS[HCPCS], GUESS),
)
"""Codes read by their shape alone, on lines that are not an identifier's."""
_SKELETON = re.compile(r"[\W_]++")


@dataclass(frozen=True)
class _Read:
    """One code read at ``start`` of page ``index``."""

    index: int
    start: int
    finding: Finding[Code]


def find_codes(pages: Sequence[Page]) -> tuple[Finding[Code], ...]:
    """Every code the pages print where the context says it is one (module docstring), each
    once, in reading order, at most MAX_CODES."""
    best: dict[Code, _Read] = {}
    claimed: set[tuple[int, int]] = set()
    for index, page in enumerate(pages):
        for read in (*_labelled(index, page), *_columns(index, page), *_shapes(index, page)):
            if (index, read.start) in claimed:
                continue
            claimed.add((index, read.start))
            known = best.get(read.finding.value)
            if known is None or read.finding.confidence > known.finding.confidence:
                best[read.finding.value] = read
    ordered = sorted(best.values(), key=lambda read: (read.index, read.start))
    return tuple(read.finding for read in ordered[:MAX_CODES])


def skeleton(text: str) -> str:
    """``text`` upper-cased without spaces and punctuation: how a code's value is found in
    its quote ("CO 50" for "CO-50", "M5416" for "M54.16")."""
    return _SKELETON.sub("", text).upper()


def _normalised(system: str, match: re.Match[str]) -> str:
    code = match.group("code").upper()
    if system == ICD10 and "." not in code and len(code) > 3:
        return f"{code[:3]}.{code[3:]}"
    if system == CARC and match.group("group"):
        return f"{match.group('group')}-{code}"
    return code


def _token_at(text: str, position: int, systems: Sequence[str]) -> tuple[str, re.Match[str]] | None:
    """The code of one of ``systems`` that starts at ``position``, if any."""
    for system in systems:
        match = _TOKENS[system].match(text, position)
        if match is not None:
            return system, match
    return None


def _read(
    index: int, page: Page, token: tuple[str, re.Match[str]], unit_start: int, confidence: float
) -> _Read:
    """A code read from ``token`` (its system and match), quoted from ``unit_start`` on."""
    system, match = token
    value = Code(system, _normalised(system, match))
    unit = quote.line_span(page.text, unit_start, match.end("code"))
    found = quote.derived(page, value, match.span(), unit, confidence)
    return _Read(index, match.start(), found)


def _skip(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where ``pattern`` (which may match nothing) ends when matched at ``position``."""
    match = pattern.match(text, position)
    return position if match is None else match.end()


def _labelled(index: int, page: Page) -> Iterator[_Read]:
    """Codes right after a label, then codes anywhere on a line that starts with a label."""
    text = page.text
    for systems, pattern in _LABELS:
        for label in quote.matches(pattern, text):
            position = _wrapped(text, label, _skip(_LABEL_SEP, text, label.end()))
            listed = 0
            while listed < MAX_LIST:
                token = _token_at(text, position, systems)
                if token is None:
                    break
                system, match = token
                listed += 1
                yield _read(index, page, (system, match), label.start(), LABELLED)
                position = _skip(_LIST_SEP, text, match.end())
            if listed == 0 and _is_field(text, label):
                yield from _field(index, page, systems, label)


def _wrapped(text: str, label: re.Match[str], position: int) -> int:
    """Where the code after a label starts when a sentence wrapped between them ("...for an
    in-lab sleep study (CPT" + line break + "95810)"): on the next line, if the label ends a
    line of prose (words before it on its line); else ``position``."""
    if not text.startswith("\n", position) and not text.startswith("\r\n", position):
        return position
    line_start = text.rfind("\n", max(0, label.start() - quote.WINDOW), label.start()) + 1
    if not text[line_start : label.start()].strip():
        return position  # the label starts its line: a heading or a field, not a wrapped sentence
    return _skip(_WRAP, text, position)


def _is_field(text: str, label: re.Match[str]) -> bool:
    """A label that starts its line (or table cell) and is followed by a colon."""
    line_start = text.rfind("\n", max(0, label.start() - 20), label.start()) + 1
    starts = _FIELD_START.fullmatch(text, line_start, label.start()) is not None
    return starts and _FIELD_SEP.match(text, label.end()) is not None


def _field(index: int, page: Page, systems: Sequence[str], label: re.Match[str]) -> Iterator[_Read]:
    text = page.text
    end = text.find("\n", label.end(), label.end() + FIELD_CHARS)
    end = min(len(text), label.end() + FIELD_CHARS) if end < 0 else end
    for system in systems:
        tokens = _TOKENS[system].finditer(text, label.end(), end + TOKEN_CHARS)
        for match in itertools.islice(tokens, quote.MAX_MATCHES):
            if match.start() >= end:
                break
            bracketed = text[match.start() - 1] == "(" and text.startswith(")", match.end())
            if system == ICD10 and "." not in match.group("code") and not bracketed:
                continue
            if system in _PROCEDURE and not bracketed:
                continue
            yield _read(index, page, (system, match), label.start(), LABELLED)


def _columns(index: int, page: Page) -> Iterator[_Read]:
    """Codes in a table column whose header cell names their system."""
    text = page.text
    headers = 0
    for systems, pattern in _LABELS:
        for label in quote.matches(pattern, text):
            line_start, line_end = _line_bounds(text, label.start())
            header = _header_cell(text, line_start, line_end, label)
            if header is None:
                continue
            headers += 1
            if headers > quote.MAX_MATCHES:
                return
            position = line_end
            for _ in range(TABLE_ROWS):
                row_start = position + 1
                row_end = text.find("\n", row_start, row_start + quote.WINDOW)
                row_end = len(text) if row_end < 0 else row_end
                if row_start >= len(text) or not text[row_start:row_end].strip():
                    break
                cell = _cell_under(text, (line_start, header[0], header[1]), row_start, row_end)
                if cell is not None:
                    yield from _codes_in_cell(index, page, systems, cell, row_start)
                position = row_end


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", max(0, position - quote.WINDOW), position) + 1
    end = text.find("\n", position, position + quote.WINDOW)
    return start, len(text) if end < 0 else end


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a row: between ``|``s when it has any, else runs two spaces apart."""
    if "|" not in text[start:end]:
        return [m.span() for m in itertools.islice(_CELL.finditer(text, start, end), MAX_CELLS)]
    bounds = [start - 1, *(i for i in range(start, end) if text[i] == "|"), end]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds[: MAX_CELLS + 1])]


def _header_cell(
    text: str, line_start: int, line_end: int, label: re.Match[str]
) -> tuple[int, int] | None:
    """The header cell the label fills on its own ("Remark code", "| Dx |"), if the line is a
    table header (two cells or more)."""
    cells = _segments(text, line_start, line_end)
    cell = next((c for c in cells if c[0] <= label.start() < c[1]), None)
    if len([c for c in cells if text[c[0] : c[1]].strip()]) < 2 or cell is None:
        return None
    rest = text[cell[0] : label.start()] + text[label.end() : cell[1]]
    return cell if not rest.strip(_CELL_TRIM) else None


def _cell_under(
    text: str, header: tuple[int, int, int], row_start: int, row_end: int
) -> tuple[int, int] | None:
    """The row's cell under the header cell: the same ``|`` cell, else the widest overlap."""
    line_start, left, right = header
    if "|" in text[line_start:right] or "|" in text[right : right + 2]:
        column = text.count("|", line_start, left)
        cells = _segments(text, row_start, row_end)
        return cells[column] if "|" in text[row_start:row_end] and column < len(cells) else None
    left, right = left - line_start, right - line_start
    best: tuple[int, tuple[int, int]] | None = None
    for cell in _segments(text, row_start, row_end):
        overlap = min(right, cell[1] - row_start) - max(left, cell[0] - row_start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, cell)
    return None if best is None else best[1]


def _codes_in_cell(
    index: int, page: Page, systems: Sequence[str], cell: tuple[int, int], row_start: int
) -> Iterator[_Read]:
    position, listed = _skip(_SPACES, page.text, cell[0]), 0
    while position < cell[1] and listed < MAX_LIST:
        token = _token_at(page.text, position, systems)
        if token is None or token[1].end() > cell[1]:
            break
        system, match = token
        listed += 1
        yield _read(index, page, (system, match), row_start, GENERIC_LABEL)
        position = _skip(_LIST_SEP, page.text, match.end())


def _shapes(index: int, page: Page) -> Iterator[_Read]:
    """Codes recognisable by their shape, on lines that do not hold an identifier."""
    text = page.text
    for system, pattern, confidence in _SHAPES:
        for match in quote.matches(pattern, text):
            line_start = text.rfind("\n", max(0, match.start() - quote.WINDOW), match.start()) + 1
            if _ID_LINE.search(text, line_start, match.start()):
                continue
            yield _read(index, page, (system, match), match.start(), confidence)

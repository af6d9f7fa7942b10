"""Where each letter starts in a document that holds several (a plan's mailing, a fax, a scan).

Pure: page texts in, page indexes out. The first page always starts a letter; another page
starts one when

1. it numbers itself the first of a run: "Page 1 of 3", "Página 1 de 2", "Pág. 1/4" (the word
   is required: "1/4" alone is as likely a date). OCR misreads the one as ``l`` or ``I``, so
   those count too. A page that numbers itself "Page 2 of 3" and no "Page 1 of" never starts
   one, whatever else it says (a fax header counting the whole transmission sits beside a
   letter's own footer, so any "page 1 of" on the page wins);
2. or, on a page without such numbering, its opening lines read like a letter's opening: a
   date (in words or digits, English or Spanish) and, below it, a salutation ("Dear",
   "Estimado", "Estimada", "To whom it may concern", "A quien corresponda") among the first
   ``OPENING_LINES`` lines with text.

Continuation pages of a letter repeat the member's name and often the date in a running
header, but not a salutation, so rule 2 does not split a letter at them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

OPENING_LINES = 15

_PAGE_OF = re.compile(
    r"\b(?:page|p[aá]gina|p[aá]g\.?)\s*([0-9lI]{1,3})\s*(?:of|de|/)\s*[0-9]{1,3}\b",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^\s*(?:dear\b|estimad[oa]s?\b|to whom it may concern|a quien corresponda)",
    re.IGNORECASE,
)


def letter_starts(pages: Sequence[str]) -> tuple[int, ...]:
    """Indexes of the pages that start a letter; ``(0,)`` for one letter, ``()`` for none."""
    return tuple(i for i, text in enumerate(pages) if i == 0 or _starts_letter(text))


def _starts_letter(text: str) -> bool:
    numbers = [match.group(1) for match in _PAGE_OF.finditer(text)]
    if numbers:
        return any(number in ("1", "01", "001", "l", "I") for number in numbers)
    opening = [line for line in text.splitlines() if line.strip()][:OPENING_LINES]
    dated = False
    for line in opening:
        if _SALUTATION.search(line):
            return dated
        dated = dated or _DATE.search(line) is not None
    return False

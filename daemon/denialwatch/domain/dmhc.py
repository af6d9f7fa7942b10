"""Letters from the DMHC: is this one, and what kind (rule 1 of ``verdict.KIND_RULES``).

A source is a DMHC letter when the department's letterhead heads its first page, or (an email)
the department speaks of its own work ("the DMHC received your IMR application", "the
Department has adopted the reviewer's determination") beside an IMR or complaint number, with
no plan letterhead and no plan voice. DMHC letters recite the plan's decision, so this rule is
asked first; and every DMHC plan prints the HSC 1368.02(b) statement (research 1.2), so naming
the department is never enough. Then: a decision (HSC 1374.34; research D12, D16) > a request
for information (the patient must act) > an acknowledgement (research D9) > other
correspondence. A DMHC form (IMR application, DMHC 20-224) is not a letter.

The wording it reads is ``kinds.MARKERS``; the case number, ``extract.find_dmhc_case_number``.
Pure; patterns compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from denialwatch.domain.extract import find_dmhc_case_number
from denialwatch.domain.kinds import (
    DMHC_NAME,
    DMHC_NAMED,
    LETTERHEAD_LINE,
    Call,
    Marker,
    Markers,
    decision_at,
    names_dmhc,
    outcome,
    top_lines,
)
from denialwatch.domain.model import DocumentKind
from denialwatch.domain.quote import Page


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DMHC_LETTERHEAD = _compile(
    r"^[\W_]*+(?:state\s++of\s++california\W*+)?(?:(?:california|the)\s++)?(?:" + DMHC_NAME + r")"
)
_HELP_CENTER_LINE = _compile(r"^[\W_]*+(?:DMHC\s++)?help\s++center\b")
_DMHC_FORM_TITLE = _compile(
    r"(?:independent\s++medical\s++review|IMR)\s*+(?:\(IMR\)\s*+)?(?:application\s*+)?(?:/|or)\s*+"
    r"complaint\s++form|application\s*+/\s*+complaint\s++form|authori[sz]ed\s++assistant\s++form"
    r"|\bDMHC\s*+20-\d{3}\b"
)


DMHC_DECISION = "a DMHC decision on an IMR or complaint"
DMHC_REQUEST = "a DMHC letter asking for information"
DMHC_ACKNOWLEDGEMENT = "a DMHC acknowledgement of an IMR application or complaint"
DMHC_LETTER = "a DMHC letter about a case"
DMHC_FORM = "a DMHC application or assistant form, not a letter"
REASONS = (DMHC_DECISION, DMHC_REQUEST, DMHC_ACKNOWLEDGEMENT, DMHC_LETTER, DMHC_FORM)
"""Every reason these rules give (worded for the review list; never letter text)."""


def dmhc_letterhead(pages: Sequence[Page]) -> bool:
    """The department's name (or its Help Center beside its name) heads the first page."""
    if not pages:
        return False
    lines = [line for line in top_lines(pages[0]) if len(line) <= LETTERHEAD_LINE]
    if any(_DMHC_LETTERHEAD.match(line) for line in lines):
        return True
    named = any(DMHC_NAMED.search(line) for line in lines)
    return named and any(_HELP_CENTER_LINE.match(line) for line in lines)


def dmhc_form(pages: Sequence[Page]) -> bool:
    """The first page is headed by a DMHC form's title (the IMR application, DMHC 20-224)."""
    return bool(pages) and any(_DMHC_FORM_TITLE.search(line) for line in top_lines(pages[0]))


def dmhc_letter(
    pages: Sequence[Page], markers: Markers, *, plan: Callable[[], bool], patient: bool
) -> Call | None:
    """A DMHC kind when the DMHC sent the source (rule 1); ``plan`` tells (when asked) whether
    a plan's letterhead or decision wording is there; ``patient``: the patient's wording."""
    if not names_dmhc(pages):
        return None
    voice = markers.counts[Marker.DMHC_VOICE]
    from_dmhc = dmhc_letterhead(pages) and (voice > 0 or not patient)
    if not from_dmhc and voice:
        case_number = find_dmhc_case_number(pages, False) is not None
        other_voice = markers[Marker.PLAN_VOICE] or patient or plan()
        from_dmhc = (case_number or voice >= 2) and not other_voice
    if not from_dmhc:
        return None
    if dmhc_form(pages):
        return Call(DocumentKind.NOT_DENIAL, DMHC_FORM)
    if markers[Marker.DMHC_DECIDED]:
        implied = decision_at(markers, (Marker.DMHC_FOR_PATIENT, Marker.DMHC_FOR_PLAN), 0.6)
        return Call(DocumentKind.DMHC_DECISION, DMHC_DECISION, outcome(markers) or implied)
    if markers[Marker.DMHC_REQUEST]:
        return Call(DocumentKind.DMHC_CORRESPONDENCE, DMHC_REQUEST)
    if markers[Marker.DMHC_RECEIPT]:
        return Call(DocumentKind.DMHC_ACKNOWLEDGEMENT, DMHC_ACKNOWLEDGEMENT)
    return Call(DocumentKind.DMHC_CORRESPONDENCE, DMHC_LETTER)

"""The kinds of letter other than a denial, and the fields only they carry. Rules are data.

``read.KIND_RULES`` asks, in this order (first that applies wins; why, and the sources):

1. **A letter from the DMHC** (``dmhc_letter``): its letterhead heads the first page, or (an
   email) the department speaks of its own work ("the DMHC received your IMR application",
   "the Department has adopted the reviewer's determination") beside an IMR or complaint
   number, with no plan letterhead and no plan voice. DMHC letters recite the plan's decision,
   so this is first; and every DMHC plan prints the HSC 1368.02(b) statement (research 1.2),
   so naming the department is never enough. Then: a decision (HSC 1374.34; research D12,
   D16) > a request for information (the patient must act) > an acknowledgement (research
   D9) > other correspondence. A DMHC form (IMR application, DMHC 20-224) is not a letter.
2. A letter the patient wrote; 3. **a portal notice** (``portal_notice``: "a new letter is
   available, sign in to view it", no decision or approval wording); 4. a newsletter;
   5. **an EOB with denied lines** (``eob``).
6. **A grievance outcome** (``grievance_call``) when the letter answers a grievance already
   filed ("we have reviewed your appeal", "Notice of Appeal Resolution", research 1.2, 7.1)
   or says what became of "our decision": partly reversed (GRIEVANCE_DECISION, PARTIAL) >
   reversed (APPROVAL, OVERTURNED) > upheld (GRIEVANCE_DECISION, UPHELD: the IMR's qualifying
   event, HSC 1374.30(j)(3), research D7) > received with a decision still to come
   (GRIEVANCE_ACKNOWLEDGEMENT, HSC 1368(a)(4)(A), research D4) > denial wording (UPHELD) >
   approval wording (OVERTURNED). An acknowledgement recalls the denial it is about, so a
   receipt with a decision to come outranks denial wording, never an explicit "upheld".
7. An approval, then a denial or not (``read``).

Outcome words count when they apply to a decision ("overturned the plan's decision", not
"many denials are overturned"), outside conditional sentences ("If we uphold...") and not
after a negation or a modal ("no reason to overturn"); grievance context counts as a past fact
only, not in a rights notice nor prospective ("once we receive your appeal, we will..."). A
decision's quote names it (``decisions_named_in``), except a PARTIAL read from an "upheld" and
an "overturned" sentence, quoted at the first. Pure; patterns compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from denialwatch.domain import quote
from denialwatch.domain.dates import find_dates
from denialwatch.domain.model import Decision, DocumentKind, Finding
from denialwatch.domain.quote import Page

CONDITIONAL = re.compile(
    r"\bif\b|\bunless\b|\bwhether\b|\bin\s++case\b|\bwhat\s++to\s++do\b|\bhow\s++to\b|\bsi\b",
    re.IGNORECASE,
)
"""Words that make a sentence hypothetical: its decision words say nothing of this case."""
_GUARD = re.compile(
    r"\b(?:not|no|never|cannot|unable\s++to|refus\w*+\s++to|may|might|could|can|would|should)\s++"
    r"(?:\w++\s++){0,2}$",
    re.IGNORECASE,
)
"""Just before an outcome word: "no reason to overturn", "may be upheld"."""
GUARD_CHARS = 40
TOP_LINES = 8
"""Non-blank lines at the top of a first page that make up its letterhead."""
LETTERHEAD_LINE = 90

_DMHC_NAME = (
    r"department\s++of\s++managed\s++health\s++care|(?-i:\bDMHC\b)"
    r"|departamento\s++de\s++administraci[oó]n\s++del\s++cuidado\s++de\s++la\s++salud"
)
_GRIEVANCE_WORD = (
    r"(?:appeal|grievance|request\s++for\s++(?:an?\s++)?(?:appeal|reconsideration|review))"
)
_EARLIER = r"(?:original\s++|previous\s++|initial\s++|earlier\s++|prior\s++|first\s++)?"
_OBJECT = (
    r"(?:(?:our|the|its|this|that|your)\s++)?(?:[\w'\u2019]++\s++){0,3}?"
    r"(?:decision|denial|determination)\b"
)
"""What an outcome word must apply to: "overturned the health plan's decision"."""


class Marker(StrEnum):
    DMHC_VOICE = "the DMHC speaking of its own work"
    DMHC_DECIDED = "an IMR or complaint decision"
    DMHC_FOR_PATIENT = "a finding for the patient"
    DMHC_FOR_PLAN = "a finding for the plan"
    DMHC_REQUEST = "a request for information"
    DMHC_RECEIPT = "an application or complaint received"
    PLAN_VOICE = "the plan speaking of its own decision"
    GRIEVANCE = "a grievance or appeal already filed"
    RECEIPT = "a grievance or appeal received"
    PENDING = "a decision still to come"
    UPHELD = "the denial upheld"
    OVERTURNED = "the denial overturned"
    PARTIAL = "the denial partly overturned"
    PORTAL = "a new document in the plan's portal"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


MARKERS: dict[Marker, re.Pattern[str]] = {
    # The department (or its Help Center) as the subject of its own work: research 4 and D9-D12.
    Marker.DMHC_VOICE: _compile(
        r"\b(?:the\s++)?(?:" + _DMHC_NAME + r"|department|help\s++center)(?:\s*+\(DMHC\))?"
        r"(?:\s++help\s++center)?\s++(?:has\s++|have\s++)?(?:received|reviewed|accepted|assigned"
        r"|completed|closed|determined|adopted|adopts|requested|is\s++(?:reviewing|requesting"
        r"|unable|processing)|will\s++(?:review|contact|notify|send|process))\b"
        r"|\bthank\s++you\s++for\s++(?:contacting|submitting|writing\s++to)\b[^.\n]{0,80}?(?:"
        + _DMHC_NAME
        + r"|help\s++center)"
        r"|\b(?:we|the\s++department)\s++(?:have\s++|has\s++)?(?:received|accepted|reviewed)\s++your\s++"
        r"(?:independent\s++medical\s++review|IMR)\b|\bindependent\s++medical\s++review\s++organi[sz]ation"
        r"|(?-i:\bIMRO\b)|\b(?:director|department)\s++(?:has\s++)?adopt"
        r"|\bdepartamento\s++(?:ha\s++)?(?:recibi[oó]|revis[oó]|determin[oó]|adopt[oó])"
    ),
    Marker.DMHC_DECIDED: _compile(
        r"\b(?:independent\s++medical\s++review|IMR)\s++(?:final\s++)?(?:determination|decision)"
        r"|\b(?:reviewer|reviewers|IMRO|review\s++organi[sz]ation)\s++(?:has\s++)?(?:determined|found"
        r"|concluded|overturned|upheld|reversed)|\b(?:overturn|uph[eo]ld|revers)\w*+\s++(?:the\s++|your\s++)?"
        r"(?:health\s++)?plan['\u2019]s\s++(?:decision|denial|determination)"
        r"|\b(?:director|department|DMHC)\s++(?:has\s++)?adopt"
        r"|\bcomplaint\s++(?:has\s++been|was)\s++resolved|\bresolved\s++in\s++your\s++favou?r"
        r"|decisi[oó]n\s++de\s++(?:la\s++)?revisi[oó]n\s++m[eé]dica\s++independiente"
    ),
    # When the letter has no "overturned" or "upheld": what the reviewer found (HSC 1374.34).
    Marker.DMHC_FOR_PATIENT: _compile(
        r"\b(?:must|shall)\s++(?:authori[sz]e|provide|cover|pay\s++for|reimburse)\b"
        r"|\b(?:is|was|are|were)\s++medically\s++necessary|\blikely\s++to\s++be\s++more\s++beneficial"
    ),
    Marker.DMHC_FOR_PLAN: _compile(
        r"\b(?:is|was|are|were)\s++not\s++medically\s++necessary"
        r"|\bin\s++(?:favou?r\s++of\s++the\s++(?:health\s++)?plan|the\s++(?:health\s++)?plan['\u2019]s\s++favou?r)"
    ),
    Marker.DMHC_REQUEST: _compile(
        r"\bwe\s++need\s++(?:more|additional|the\s++following|some)\b"
        r"|\b(?:please|you\s++must)\s++(?:send|provide|submit|sign|complete|return|upload)\b[^.\n]{0,120}?"
        r"\bwithin\s++\w"
        r"|\b(?:cannot|can\s*+not|are\s++unable\s++to)\s++(?:process|proceed\s++with|accept)\s++your\b"
        r"|\bnecesitamos\s++(?:m[aá]s\s++)?informaci[oó]n"
    ),
    Marker.DMHC_RECEIPT: _compile(
        r"\b(?:received|recibi[oó]|recibimos|hemos\s++recibido)\b[^.\n]{0,60}?\b(?:application|complaint"
        r"|request|IMR|independent\s++medical\s++review|solicitud|queja)"
        r"|\backnowledge\w*+\s++(?:the\s++)?receipt|\bhas\s++been\s++assigned\s++(?:to\s++)?(?:an?\s++)?"
        r"(?:case|analyst|IMR)|\byour\s++(?:case|complaint|IMR)\s++(?:case\s++)?number\s++is\b"
    ),
    Marker.PLAN_VOICE: _compile(
        r"\bour\s++" + _EARLIER + r"(?:decision|denial|determination)\b"
        r"|\bwe\s++(?:have\s++)?(?:approved|authori[sz]ed|overturned|reversed|upheld)\b"
        r"|\bnuestra\s++decisi[oó]n"
    ),
    # A grievance already filed: HSC 1368 grievance responses, Medi-Cal NAR (research 1.2, 7.1).
    Marker.GRIEVANCE: _compile(
        r"notice\s++of\s++appeal\s++resolution|aviso\s++de\s++resoluci[oó]n\s++de\s++(?:la\s++)?apelaci[oó]n"
        r"|\bfinal\s++(?:internal\s++)?adverse\s++(?:benefit\s++)?determination"
        r"|\b(?:this|our)\s++(?:appeal|grievance|reconsideration)\s++(?:decision|resolution"
        r"|determination)|(?m:^[ \t]*+(?:appeal|grievance)\s++(?:decision|resolution|determination"
        r"|acknowledge?ment)(?:\s++(?:letter|notice))?[ \t]*+$)"
        r"|\b(?:your|the|this)\s++" + _GRIEVANCE_WORD + r"\s++(?:dated|received|filed|submitted|of"
        r"|that\s++you\s++(?:filed|sent|submitted)|you\s++(?:filed|sent|submitted))\b"
        r"|\b(?:reviewed|received|considered|completed\s++(?:our|the)\s++review\s++of|response\s++to"
        r"|receipt\s++of)\s++your\s++(?:written\s++|expedited\s++|urgent\s++|recent\s++)?"
        + _GRIEVANCE_WORD
        + r"|\b(?:recibimos|hemos\s++recibido|revisamos|hemos\s++revisado|respuesta\s++a)"
        r"\s++su\s++(?:apelaci[oó]n|queja)|\bsu\s++(?:apelaci[oó]n|queja)\s++(?:del?|sobre|que)\b"
    ),
    Marker.RECEIPT: _compile(
        r"\breceived\s++your\s++(?:\w++\s++){0,2}?"
        + _GRIEVANCE_WORD
        + r"|\b(?:grievance|appeal)\b[^.\n]{0,40}?\b(?:which|that)\s++we\s++(?:have\s++)?received\b"
        r"|\backnowledge\w*+\s++(?:the\s++)?receipt\s++of\s++your\b"
        r"|\b(?:grievance|appeal)\s++acknowledge?ment|\backnowledge?ment\s++of\s++(?:your\s++)?"
        r"(?:grievance|appeal)|\b(?:recibimos|hemos\s++recibido)\s++su\s++(?:\w++\s++)?(?:apelaci[oó]n"
        r"|queja)|\bacusamos\s++recibo|\bacuse\s++de\s++recibo"
    ),
    Marker.PENDING: _compile(
        r"\bwe\s++will\s++(?:send|mail|give|make|notify|tell|let|review|respond|resolve|decide|complete"
        r"|finish)\b[^.\n]{0,80}?\b(?:decision|response|answer|resolution|within)\b"
        r"|\b(?:you\s++will|you\s++should)\s++(?:receive|get)\s++(?:a|our)\s++(?:written\s++)?"
        r"(?:decision|response|resolution|answer)|\b(?:is|are)\s++(?:now\s++|currently\s++)?(?:being"
        r"|under)\s++review|\bwe\s++are\s++(?:now\s++|currently\s++)?(?:reviewing|investigating)\b"
        r"|\ble\s++(?:enviaremos|daremos|notificaremos)\b|\bestamos\s++revisando"
    ),
    Marker.UPHELD: _compile(
        r"\buph(?:eld|old(?:s|ing)?)\s++" + _OBJECT + r"|\bwe\s++(?:have\s++)?upheld\b"
        r"|\b(?:decision|denial|determination)\s++(?:has\s++been|was|is)\s++upheld"
        r"|\baffirm(?:ed|ing|s)?\s++(?:our|the)\s++"
        + _EARLIER
        + r"(?:decision|denial|determination)|\b(?:decision|denial|determination)\s++(?:still\s++)?"
        r"(?:stands|remains\s++(?:the\s++same|in\s++effect|unchanged))"
        r"|\b(?:appeal|grievance|reconsideration)\s++(?:request\s++)?(?:is|has\s++been|was)\s++"
        r"(?:denied|not\s++approved)|\bremains?\s++denied\b"
        r"|\bmant(?:ener|enemos|uvimos|iene)\s++(?:nuestra|la)\s++decisi[oó]n"
        r"|\bconfirma(?:mos)?\s++(?:nuestra|la)\s++decisi[oó]n"
        r"|\bsu\s++(?:apelaci[oó]n|queja)\s++(?:ha\s++sido|fue)\s++(?:denegada|negada|rechazada)"
    ),
    Marker.OVERTURNED: _compile(
        r"\boverturn(?:ed|ing|s)?\s++" + _OBJECT + r"|\bwe\s++(?:have\s++|are\s++)?overturn"
        r"|\b(?:decision|denial|determination)\s++(?:has\s++been|was|is)\s++(?:overturned|reversed)"
        r"|\brevers(?:ed|ing|e)\s++(?:our|the|its)\s++"
        + _EARLIER
        + r"(?:decision|denial|determination)|\bchang(?:ed|ing)\s++(?:our|the)\s++"
        + _EARLIER
        + r"(?:decision|determination)"
        r"|\b(?:appeal|grievance|reconsideration)\s++(?:request\s++)?(?:is|has\s++been|was)\s++"
        r"(?:approved|granted)|\b(?:decided|resolved)\s++in\s++your\s++favou?r"
        r"|\brevoca(?:do|mos)\s++(?:nuestra|la)\s++decisi[oó]n|\b(?:a|en)\s++su\s++favor\b"
        r"|\bsu\s++(?:apelaci[oó]n|queja)\s++(?:ha\s++sido|fue)\s++aprobada"
    ),
    Marker.PARTIAL: _compile(
        r"\bpartial(?:ly)?\s++(?:overturned|upheld|reversed)|\b(?:overturned|upheld|reversed)\s++in\s++part\b"
        r"|\b(?:appeal|grievance|reconsideration)\s++(?:request\s++)?(?:is|has\s++been|was)\s++"
        r"(?:partially\s++(?:approved|granted|denied)|(?:approved|granted|denied)\s++in\s++part)"
        r"|\bparcialmente\s++(?:aprobad|denegad|revocad)"
    ),
    Marker.PORTAL: _compile(
        r"\bnew\s++(?:secure\s++)?(?:message|letter|document|notice|notification|statement"
        r"|explanation\s++of\s++benefits|EOB|correspondence)s?\b[^.\n]{0,80}?\b(?:is|are|has\s++been"
        r"|have\s++been)\s++(?:now\s++)?(?:available|waiting|ready|posted|uploaded|added)"
        r"|\byou\s++have\s++(?:an?\s++|\d{1,3}\s++)?new\s++(?:secure\s++)?(?:message|letter|document"
        r"|notice|notification)s?\b"
        r"|\b(?:tiene|hay)\s++(?:un|una)\s++(?:nuev[oa]\s++)?(?:mensaje|carta|documento|aviso)"
        r"\s++(?:nuev[oa]\s++)?(?:disponible|seguro|en\s++su)"
    ),
}
"""Wording signals of the kinds other than a denial, counted outside conditional sentences."""
_DMHC_MARKERS = frozenset(
    {
        *(Marker.DMHC_VOICE, Marker.DMHC_DECIDED, Marker.DMHC_FOR_PATIENT, Marker.DMHC_FOR_PLAN),
        *(Marker.DMHC_REQUEST, Marker.DMHC_RECEIPT),
    }
)
_CONTEXT = frozenset({Marker.GRIEVANCE, Marker.RECEIPT})
"""Markers that count only as a fact: not in a rights notice, not prospective ("once we
have received your appeal, we will...")."""
_MODAL = _compile(r"\b(?:will|would|shall|must|should|can|could|may|might)\b")
_TEMPORAL = _compile(r"\b(?:once|after|when|before|until|upon)\b")
_OUTCOMES = frozenset(
    {
        *(Marker.UPHELD, Marker.OVERTURNED, Marker.PARTIAL),
        *(Marker.DMHC_FOR_PATIENT, Marker.DMHC_FOR_PLAN),
    }
)
_DECISION_OF: dict[Marker, Decision] = {
    Marker.UPHELD: Decision.UPHELD,
    Marker.OVERTURNED: Decision.OVERTURNED,
    Marker.PARTIAL: Decision.PARTIAL,
    Marker.DMHC_FOR_PATIENT: Decision.OVERTURNED,
    Marker.DMHC_FOR_PLAN: Decision.UPHELD,
}

_DMHC_NAMED = _compile(_DMHC_NAME)
_DMHC_LETTERHEAD = _compile(
    r"^[\W_]*+(?:state\s++of\s++california\W*+)?(?:(?:california|the)\s++)?(?:" + _DMHC_NAME + r")"
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
GRIEVANCE_UPHELD = "a plan's grievance decision that keeps the denial"
GRIEVANCE_PARTIAL = "a plan's grievance decision that reverses only part of the denial"
REVERSAL = "an approval: the plan reversed its earlier decision"
GRIEVANCE_RECEIVED = "a plan's acknowledgement of a grievance or appeal"
PORTAL_NOTICE = "a portal notice: the letter itself is in the plan's website"
REASONS: tuple[str, ...] = (DMHC_DECISION, DMHC_REQUEST, DMHC_ACKNOWLEDGEMENT, DMHC_LETTER)
REASONS += (DMHC_FORM, GRIEVANCE_UPHELD, GRIEVANCE_PARTIAL, REVERSAL, GRIEVANCE_RECEIVED)
REASONS += (PORTAL_NOTICE,)
"""Every reason these rules give (worded for the review list; never letter text)."""


@dataclass(frozen=True)
class Spot:
    """Where a signal was stated: the page and the span of the match."""

    page: Page
    start: int
    end: int


@dataclass(frozen=True)
class Markers:
    counts: dict[Marker, int]
    first: dict[Marker, Spot]

    def __getitem__(self, marker: Marker) -> bool:
        return self.counts[marker] > 0


@dataclass(frozen=True)
class Call:
    """A kind these rules gave a source, why, and (for outcomes) the decision it states."""

    kind: DocumentKind
    reason: str
    decision: Finding[Decision] | None = None


def stated(text: str, start: int, end: int, *, guarded: bool = False) -> bool:
    """Whether a match says something of this case: not in a conditional sentence and, for
    an outcome word (``guarded``), not right after a negation or a modal."""
    sentence_start, _ = quote.sentence_span(text, start, end)
    if CONDITIONAL.search(text, sentence_start, start):
        return False
    if not guarded:
        return True
    return _GUARD.search(text[max(sentence_start, start - GUARD_CHARS) : start]) is None


def names_dmhc(pages: Sequence[Page]) -> bool:
    return any(_DMHC_NAMED.search(page.text) for page in pages)


def count_markers(pages: Sequence[Page]) -> Markers:
    """Every marker stated in ``pages``; the DMHC's only where the DMHC is named at all."""
    counts = dict.fromkeys(Marker, 0)
    first: dict[Marker, Spot] = {}
    skipped = frozenset() if names_dmhc(pages) else _DMHC_MARKERS
    for page in pages:
        for marker, pattern in MARKERS.items():
            if marker in skipped:
                continue
            for match in quote.matches(pattern, page.text):
                if not stated(page.text, *match.span(), guarded=marker in _OUTCOMES):
                    continue
                if marker in _CONTEXT and not _a_fact(page.text, match):
                    continue
                counts[marker] += 1
                first.setdefault(marker, Spot(page, *match.span()))
    return Markers(counts, first)


def _a_fact(text: str, match: re.Match[str]) -> bool:
    start, end = quote.sentence_span(text, match.start(), match.end())
    prospective = _MODAL.search(text, start, match.start()) or (
        _TEMPORAL.search(text, start, match.start()) and _MODAL.search(text, start, end)
    )
    return not prospective and not quote.is_boilerplate(text[start:end])


def decisions_named_in(text: str) -> frozenset[Decision]:
    """The decisions some outcome pattern finds in ``text`` (checks a decision's quote)."""
    return frozenset(d for m, d in _DECISION_OF.items() if MARKERS[m].search(text))


def top_lines(page: Page) -> Iterator[str]:
    """The first TOP_LINES non-blank lines of ``page``, stripped: where a letterhead is."""
    seen = 0
    for line in page.text[: TOP_LINES * LETTERHEAD_LINE * 4].splitlines():
        if line.strip():
            seen += 1
            yield line.strip()
        if seen >= TOP_LINES:
            return


def dmhc_letterhead(pages: Sequence[Page]) -> bool:
    """The department's name (or its Help Center beside its name) heads the first page."""
    if not pages:
        return False
    lines = [line for line in top_lines(pages[0]) if len(line) <= LETTERHEAD_LINE]
    if any(_DMHC_LETTERHEAD.match(line) for line in lines):
        return True
    named = any(_DMHC_NAMED.search(line) for line in lines)
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
        implied = _decision_at(markers, (Marker.DMHC_FOR_PATIENT, Marker.DMHC_FOR_PLAN), 0.6)
        return Call(DocumentKind.DMHC_DECISION, DMHC_DECISION, _outcome(markers) or implied)
    if markers[Marker.DMHC_REQUEST]:
        return Call(DocumentKind.DMHC_CORRESPONDENCE, DMHC_REQUEST)
    if markers[Marker.DMHC_RECEIPT]:
        return Call(DocumentKind.DMHC_ACKNOWLEDGEMENT, DMHC_ACKNOWLEDGEMENT)
    return Call(DocumentKind.DMHC_CORRESPONDENCE, DMHC_LETTER)


def _decision_at(
    markers: Markers, order: Sequence[Marker], confidence: float
) -> Finding[Decision] | None:
    """The decision of the first marker in ``order`` that was stated, quoted with its sentence."""
    marker = next((m for m in order if markers[m]), None)
    if marker is None:
        return None
    return decision_finding(markers.first[marker], _DECISION_OF[marker], confidence)


def decision_finding(spot: Spot, decision: Decision, confidence: float) -> Finding[Decision]:
    unit = quote.sentence_span(spot.page.text, spot.start, spot.end)
    return quote.derived(spot.page, decision, (spot.start, spot.end), unit, confidence)


def _outcome(markers: Markers) -> Finding[Decision] | None:
    """PARTIAL, OVERTURNED or UPHELD from explicit outcome words (rule 6's order)."""
    if markers[Marker.PARTIAL]:
        return decision_finding(markers.first[Marker.PARTIAL], Decision.PARTIAL, 0.8)
    if markers[Marker.UPHELD] and markers[Marker.OVERTURNED]:
        return decision_finding(markers.first[Marker.UPHELD], Decision.PARTIAL, 0.6)
    return _decision_at(markers, (Marker.OVERTURNED, Marker.UPHELD), 0.8)


def about_grievance(markers: Markers) -> bool:
    """The source answers a grievance already filed, or says what became of a decision."""
    context = (Marker.GRIEVANCE, Marker.RECEIPT, Marker.UPHELD, Marker.OVERTURNED, Marker.PARTIAL)
    return any(markers[m] for m in context)


def grievance_call(markers: Markers, *, decided: Spot | None, approved: Spot | None) -> Call | None:
    """A grievance outcome or acknowledgement (rule 6), or None when the source neither
    answers a grievance nor says what became of the plan's decision. ``decided`` and
    ``approved`` are where the reader's denial and approval wording was first stated."""
    if not about_grievance(markers):
        return None
    outcome = _outcome(markers)
    if outcome is not None:
        if outcome.value is Decision.OVERTURNED:
            return Call(DocumentKind.APPROVAL, REVERSAL, outcome)
        reason = GRIEVANCE_PARTIAL if outcome.value is Decision.PARTIAL else GRIEVANCE_UPHELD
        return Call(DocumentKind.GRIEVANCE_DECISION, reason, outcome)
    if markers[Marker.RECEIPT] and (markers[Marker.PENDING] or decided is None):
        return Call(DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT, GRIEVANCE_RECEIVED)
    if decided is not None:
        found = decision_finding(decided, Decision.UPHELD, 0.6)
        return Call(DocumentKind.GRIEVANCE_DECISION, GRIEVANCE_UPHELD, found)
    if approved is not None:
        found = decision_finding(approved, Decision.OVERTURNED, 0.6)
        return Call(DocumentKind.APPROVAL, REVERSAL, found)
    return None


def portal_notice(markers: Markers) -> bool:
    """Only a "new document in the portal" notice: no outcome, grievance or DMHC wording."""
    others = (Marker.GRIEVANCE, Marker.RECEIPT, Marker.DMHC_DECIDED, *_OUTCOMES)
    return markers[Marker.PORTAL] and not any(markers[m] for m in others)


# Fields only these kinds carry.

_ID_VALUE = re.compile(
    r"[ \t]*+(?:\([^()\n]{1,20}\)[ \t]*+)?[:#]?[ \t]*+(?:\r?\n[ \t]*+)?(?:(?:is|es)[ \t]++)?"
    r"(?P<value>(?=[A-Za-z-]{0,30}\d)[A-Za-z0-9][A-Za-z0-9-]{2,29})(?![A-Za-z0-9-])"
)
_DMHC_CASE_LABEL = _compile(
    r"(?P<specific>\b(?:IMR|DMHC|independent\s++medical\s++review)(?:\s++(?:case|complaint"
    r"|application|reference|file))?\s*+(?:#|number|no\.|num\.?)|\b(?:IMR|DMHC)\s++case\b)"
    r"|(?P<generic>\b(?:case|complaint|file)\s*+(?:#|number|no\.|num\.?)|\bn[uú]mero\s++de\s++"
    r"(?:caso|queja))"
)


def find_dmhc_case_number(pages: Sequence[Page], generic: bool) -> Finding[str] | None:
    """The DMHC's IMR or complaint number ("IMR Case #: CM26-12345"). Labels that name the
    DMHC or the IMR count anywhere (a plan's letter may cite the DMHC case); a plain "Case
    Number" or "Complaint No." only when ``generic`` (a letter the DMHC sent)."""
    for page in pages:
        for label in quote.matches(_DMHC_CASE_LABEL, page.text):
            if label.group("generic") is not None and not generic:
                continue
            value = _ID_VALUE.match(page.text, label.end())
            if value is None:
                continue
            unit = quote.line_span(page.text, label.start(), value.end())
            confidence = 0.9 if label.group("specific") else 0.8
            found = quote.verbatim(page, value.span("value"), unit, confidence)
            if found is not None:
                return found
    return None


_RECEIPT_LABEL = re.compile(
    r"^[ \t]*+(?:date\s++(?:(?:grievance|appeal|complaint|request)\s++)?received"
    r"|(?:grievance|appeal|complaint)\s++received(?:\s++(?:on|date))?|received\s++(?:on|date)"
    r"|date\s++of\s++receipt"
    r"|fecha\s++(?:de\s++)?(?:recibo|recepci[oó]n))[ \t]*+:[ \t]*+(?P<rest>[^\n]{0,60})",
    re.IGNORECASE | re.MULTILINE,
)
_RECEIVED = _compile(r"\breceiv\w*+|\brecib\w*+")
_GRIEVANCE_NOUN = _compile(r"appeal|grievance|reconsideration|apelaci[oó]n|queja|reclamo")
_ON_BEFORE = _compile(r"\b(?:on|el|el\s++d[ií]a)\s++$")
_DATED_BEFORE = _compile(r"\b(?:dated|fechad[ao]|de\s++fecha)\s++(?:\w++\s++)?$")


def find_grievance_date(pages: Sequence[Page]) -> Finding[date] | None:
    """The day the plan says it received the grievance: a "Date received:" field, or a date
    after "on" in a sentence saying the appeal or grievance was received ("We received your
    appeal on January 26, 2026", "On 04/28/2026, we received your appeal", "Hemos recibido su
    apelación el 9 de febrero de 2026"). Never the letter's own date, never a date the patient
    wrote ("your appeal dated ...")."""
    return quote.first(_labelled_receipt(page) for page in pages) or quote.first(
        _received_on(page) for page in pages
    )


def _labelled_receipt(page: Page) -> Finding[date] | None:
    for label in quote.matches(_RECEIPT_LABEL, page.text):
        for value, start, end in find_dates(label.group("rest"))[:1]:
            offset = label.start("rest")
            unit = quote.line_span(page.text, label.start(), label.end())
            return quote.derived(page, value, (offset + start, offset + end), unit, 0.9)
    return None


def _received_on(page: Page) -> Finding[date] | None:
    text = page.text
    for match in quote.matches(_RECEIVED, text):
        start, end = quote.sentence_span(text, match.start(), match.end())
        if CONDITIONAL.search(text, start, match.start()) or not _GRIEVANCE_NOUN.search(
            text, start, end
        ):
            continue
        for value, date_start, date_end in find_dates(text[start:end]):
            before = text[max(start, start + date_start - 30) : start + date_start]
            if _ON_BEFORE.search(before) and not _DATED_BEFORE.search(before):
                evidence = (start + date_start, start + date_end)
                return quote.derived(page, value, evidence, (start, end), 0.75)
    return None

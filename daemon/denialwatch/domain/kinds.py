"""The wording of the kinds of letter other than a denial: markers, counted once per source.

``MARKERS`` is data: the DMHC speaking of its own work and deciding (research 4, D9-D12), the
plan speaking of its own decision, a grievance already filed and received (HSC 1368, Medi-Cal
NAR, research 1.2, 7.1), a decision still to come, the outcome words (upheld, overturned,
partly overturned) and a portal notice. ``count_markers`` counts them in one source; the
rules that turn them into a kind are ``dmhc`` (the DMHC's own letters) and ``outcomes`` (a
grievance outcome or acknowledgement, a portal notice), asked in the order of
``verdict.KIND_RULES``:

1. a letter from the DMHC (``dmhc``); 2. a letter the patient wrote; 3. a portal notice;
4. a newsletter; 5. an EOB with denied lines (``eob``); 6. a grievance outcome or
acknowledgement (``outcomes``); 7. an approval, then a denial or not (``verdict``).

Outcome words count when they apply to a decision ("overturned the plan's decision", not
"many denials are overturned"), outside conditional sentences ("If we uphold...") and not
after a negation or a modal ("no reason to overturn"); grievance context counts as a past fact
only, not in a rights notice nor prospective ("once we receive your appeal, we will..."). A
decision's quote names it (``decisions_named_in``), except a PARTIAL read from an "upheld" and
an "overturned" sentence, quoted at the first. Pure; patterns compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from denialwatch.domain import quote
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

DMHC_NAME = (
    r"department\s++of\s++managed\s++health\s++care|(?-i:\bDMHC\b)"
    r"|departamento\s++de\s++administraci[oó]n\s++del\s++cuidado\s++de\s++la\s++salud"
    r"|departamento\s++de\s++atenci[oó]n\s++m[eé]dica\s++administrada"
)
"""The department's name, in English or Spanish, or its initials."""
_GRIEVANCE_WORD = (
    r"(?:appeal|grievance|request\s++for\s++(?:an?\s++)?(?:appeal|reconsideration|review))"
)
_NAR = (
    r"(?:notice\s++of\s++appeal\s++resolution|aviso\s++de\s++resoluci[oó]n\s++de\s++(?:la\s++)?"
    r"apelaci[oó]n)"
)
"""The Medi-Cal plan's answer to an appeal (research 7.1). Its title makes a letter one when it
heads a line ("NOTICE OF APPEAL RESOLUTION") or the letter calls itself so ("this Notice of
Appeal Resolution"); every Notice of Action names it in its rights paragraphs ("within 120
days of the date of the Notice of Appeal Resolution"), which must not make a kind."""
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
        r"\b(?:the\s++)?(?:" + DMHC_NAME + r"|department|help\s++center)(?:\s*+\(DMHC\))?"
        r"(?:\s++help\s++center)?\s++(?:has\s++|have\s++)?(?:received|reviewed|accepted|assigned"
        r"|completed|closed|determined|adopted|adopts|requested|is\s++(?:reviewing|requesting"
        r"|unable|processing)|will\s++(?:review|contact|notify|send|process))\b"
        r"|\bthank\s++you\s++for\s++(?:contacting|submitting|writing\s++to)\b[^.\n]{0,80}?(?:"
        + DMHC_NAME
        + r"|help\s++center)"
        r"|\b(?:we|the\s++department)\s++(?:have\s++|has\s++)?(?:received|accepted|reviewed)\s++your\s++"
        r"(?:independent\s++medical\s++review|IMR)\b|\bindependent\s++medical\s++review\s++organi[sz]ation"
        r"|(?-i:\bIMRO\b)|\b(?:director|department)\s++(?:has\s++)?adopt"
        r"|\b(?:el\s++)?(?:" + DMHC_NAME + r"|departamento|centro\s++de\s++ayuda)(?:\s*+\(DMHC\))?"
        r"\s++(?:ha\s++)?(?:recibi[oó]|recibido|revis[oó]|revisado|acept[oó]|aceptado|asign[oó]"
        r"|asignado|cerr[oó]|cerrado|determin[oó]|determinado|adopt[oó]|adoptado)\b"
        # The department asking the plan for the records (HSC 1374.30(n), research D11):
        # no plan writes "we asked your health plan".
        r"|\b(?:we\s++(?:have\s++)?|the\s++department\s++(?:has\s++)?)asked\s++your\s++(?:health\s++)?"
        r"plan\s++(?:to\s++send|for)\b|\b(?:le\s++)?(?:hemos\s++pedido|pedimos)\s++a\s++su\s++plan\b"
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
        r"(?m:^[ \t]*+(?:\*\*|\#{1,3}[ \t]++)?"
        + _NAR
        + r"(?:[ \t]*+\((?-i:NAR)\))?[ \t]*+(?:\*\*)?"
        r"(?:[ \t]*+[-:\u2013\u2014][^\n]{0,80})?[ \t]*+$)"
        r"|\b(?:this|este|esta)\s++"
        + _NAR
        + r"|\bfinal\s++(?:internal\s++)?adverse\s++(?:benefit\s++)?determination"
        r"|\b(?:this|our)\s++(?:appeal|grievance|reconsideration)\s++(?:decision|resolution"
        r"|determination)|(?m:^[ \t]*+(?:appeal|grievance)\s++(?:decision|resolution|determination"
        r"|acknowledge?ment)(?:\s++(?:letter|notice))?[ \t]*+$)"
        r"|\b(?:your|the|this)\s++" + _GRIEVANCE_WORD + r"\s++(?:dated|received|filed|submitted|of"
        r"|that\s++you\s++(?:filed|sent|submitted)|you\s++(?:filed|sent|submitted))\b"
        r"|\b(?:reviewed|received|considered|completed\s++(?:our|the)\s++review\s++of|response\s++to"
        r"|receipt\s++of)\s++(?:your|an)\s++(?:written\s++|expedited\s++|urgent\s++|recent\s++)?"
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
        r"|\b(?:appeal|grievance|reconsideration)\s++(?:request\s++)?(?:is|has\s++(?:also\s++)?been"
        r"|was)\s++(?:also\s++)?(?:denied|not\s++approved)|\bremains?\s++denied\b"
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
_MODAL = _compile(
    r"\b(?:will|would|shall|must|should|can|could|may|might|puede|pueden|podr[aá]n?|podr[ií]an?"
    r"|debe|deben|deber[aá]n?)\b|\b\w+[aei]r(?:á|án|é|emos)\b"
)
"""A modal or a future (English or Spanish: "le enviará", "decidiremos"): the sentence says
what will or may happen, not what did."""
_TEMPORAL = _compile(r"\b(?:once|after|when|before|until|upon)\b")
OUTCOMES = frozenset(
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

DMHC_NAMED = _compile(DMHC_NAME)


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
    return any(DMHC_NAMED.search(page.text) for page in pages)


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
                if not stated(page.text, *match.span(), guarded=marker in OUTCOMES):
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


def decision_at(
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


def outcome(markers: Markers) -> Finding[Decision] | None:
    """PARTIAL, OVERTURNED or UPHELD from explicit outcome words (rule 6's order)."""
    if markers[Marker.PARTIAL]:
        return decision_finding(markers.first[Marker.PARTIAL], Decision.PARTIAL, 0.8)
    if markers[Marker.UPHELD] and markers[Marker.OVERTURNED]:
        return decision_finding(markers.first[Marker.UPHELD], Decision.PARTIAL, 0.6)
    return decision_at(markers, (Marker.OVERTURNED, Marker.UPHELD), 0.8)

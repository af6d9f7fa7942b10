"""The reader: what kind of message this is, and what it says.

``read_message`` is pure (no I/O, no clock, no logging): sources in, a ``Reading`` out. It
judges each source (the email body, each document) on its own (``verdict.judge``), takes the
message's kind from its sources' kinds (``MESSAGE_ORDER``), then reads the fields that kind
carries (``FIELDS``) in one place, ``assemble``: from the chosen kind's sources first
(documents before the email body, strongest first), then the rest. A patient forwarding a
letter writes their own words in the email; the plan's letter is the better witness.

A plan's letter takes its category from its stated reasons, an EOB from its denied lines'
codes, a DMHC letter from the review type it states (``category.find_review_type``).

The ``reason`` of a Reading is its lead source's (``verdict.REASONS``): it names signals,
never letter text, so it can be shown on the operator's review list and logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from denialwatch.domain import (
    category,
    codes,
    contacts,
    criteria,
    denied_service,
    eob,
    extract,
    insurers,
    plan_type,
    quote,
    route,
    service_dates,
    stated_deadlines,
)
from denialwatch.domain.model import (
    ADVERSE_KINDS,
    Category,
    DocumentKind,
    Finding,
    Reading,
    SourceText,
)
from denialwatch.domain.quote import Page
from denialwatch.domain.reasons import find_reasons
from denialwatch.domain.verdict import NO_DENIAL, NO_TEXT, REASON_ORDER, Verdict, judge

MESSAGE_ORDER: tuple[DocumentKind, ...] = (
    *(DocumentKind.DMHC_DECISION, DocumentKind.DMHC_CORRESPONDENCE),
    *(DocumentKind.DMHC_ACKNOWLEDGEMENT, DocumentKind.GRIEVANCE_DECISION),
    *(DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT, DocumentKind.DENIAL, DocumentKind.EOB),
    *(DocumentKind.APPROVAL, DocumentKind.UNREADABLE, DocumentKind.PORTAL_NOTICE),
    DocumentKind.NOT_DENIAL,
)
"""The message's kind is the first of its sources' kinds in this order: the latest step of
the patient's path (DOMAIN.md) wins, since earlier letters come along as evidence; an approval
that reverses a decision ranks with the grievance decision (adverse first on a tie); a plain
approval ranks below a denial (something to fight beats good news about another service); an
unreadable document beats a portal notice and unrelated mail (it may be the letter)."""


def _standing(verdict: Verdict) -> int:
    if verdict.kind is DocumentKind.APPROVAL and verdict.decision is not None:
        return MESSAGE_ORDER.index(DocumentKind.GRIEVANCE_DECISION)
    return MESSAGE_ORDER.index(verdict.kind)


def _ordered(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The chosen kind's sources first, then the rest; documents before the email body,
    strongest first."""

    def rank(verdict: Verdict) -> tuple[int, int, int, int]:
        adverse = 0 if verdict.kind in ADVERSE_KINDS else 1
        email = 1 if verdict.source.name == quote.EMAIL else 0
        return (_standing(verdict), adverse, email, -verdict.strength)

    ranked = sorted(verdicts, key=rank)
    lead = [v for v in ranked if v.kind is ranked[0].kind]
    rest = [v for v in ranked if v.kind is not ranked[0].kind]
    return lead + sorted(rest, key=lambda v: (v.source.name == quote.EMAIL, rank(v)))


def _not_a_letter(verdicts: Sequence[Verdict]) -> Reading:
    if any(v.kind is DocumentKind.UNREADABLE for v in verdicts):
        return Reading(DocumentKind.UNREADABLE, NO_TEXT)
    reasons = {v.reason for v in verdicts if v.kind is DocumentKind.NOT_DENIAL}
    reason = next((r for r in REASON_ORDER if r in reasons), NO_DENIAL)
    return Reading(DocumentKind.NOT_DENIAL, reason)


def read_message(sources: Sequence[SourceText], *, subject: str = "") -> Reading:
    """Read a forwarded message: its email body (source "email") and each document's text,
    page by page. ``subject`` only helps decide whether the text is about health coverage;
    it is never quoted (a Finding quotes a source)."""
    verdicts = [judge(source, subject=subject) for source in sources]
    ordered = _ordered(verdicts)
    if not ordered or ordered[0].kind in (DocumentKind.NOT_DENIAL, DocumentKind.UNREADABLE):
        return _not_a_letter(verdicts)
    return assemble(ordered)


_PLAN_LETTER = frozenset(
    {
        "insurer",
        "plan_type",
        "member_id",
        "group_number",
        "reference_number",
        "letter_date",
        "service_date",
        "service",
        "codes",
        "route",
        "route_evidence",
    }
)
_APPEALABLE = frozenset(
    {"criteria", "stated_deadlines", "appeal_address", "appeal_phone", "appeal_fax"}
)
"""What a letter the patient can appeal also tells: the criteria, the time limits, where to."""
_DMHC_LETTER = _PLAN_LETTER | {"urgent", "category", "dmhc_case_number", "stated_deadlines"}
_MANY = frozenset({"reasons", "codes", "criteria", "stated_deadlines", "route_evidence"})
"""Fields holding a tuple of findings (empty when not carried)."""
FIELDS: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.DENIAL: _PLAN_LETTER | _APPEALABLE | {"reasons", "category", "urgent"},
    DocumentKind.GRIEVANCE_DECISION: _PLAN_LETTER
    | _APPEALABLE
    | {"reasons", "category", "urgent", "decision", "grievance_date", "dmhc_case_number"},
    DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT: _PLAN_LETTER
    | {"urgent", "grievance_date", "stated_deadlines", "appeal_phone"},
    DocumentKind.APPROVAL: _PLAN_LETTER
    | {"decision", "grievance_date", "dmhc_case_number", "appeal_phone"},
    DocumentKind.EOB: _PLAN_LETTER | _APPEALABLE | {"reasons", "category"},
    DocumentKind.DMHC_ACKNOWLEDGEMENT: _DMHC_LETTER,
    DocumentKind.DMHC_CORRESPONDENCE: _DMHC_LETTER,
    DocumentKind.DMHC_DECISION: _DMHC_LETTER | {"decision"},
    DocumentKind.PORTAL_NOTICE: frozenset({"insurer"}),
}
"""Which ``Reading`` fields each kind carries; ``assemble`` leaves the others empty."""
_DMHC_KINDS = frozenset(
    {
        DocumentKind.DMHC_ACKNOWLEDGEMENT,
        DocumentKind.DMHC_CORRESPONDENCE,
        DocumentKind.DMHC_DECISION,
    }
)


# ---------------------------------------------------------------------------------------------
# The assembly: every field of a Reading is read here, and only here.
# ---------------------------------------------------------------------------------------------


def assemble(ordered: Sequence[Verdict]) -> Reading:
    """The Reading of a message whose kind is ``ordered[0].kind``: its fields read from the
    pages of the chosen kind's sources first, then the rest; fields the kind does not carry
    (``FIELDS``) are left empty."""
    kind = ordered[0].kind
    lead = [v for v in ordered if v.kind is kind]
    every_page = [page for v in ordered for page in v.pages]
    lead_pages = [page for v in lead for page in v.pages]
    denied = eob.denied_lines(lead_pages) if kind is DocumentKind.EOB else ()
    if kind is DocumentKind.EOB:
        reasons = eob.denial_reasons(lead_pages, denied)
    else:
        reasons = next((r for r in (find_reasons(v.pages) for v in lead) if r), ())
    generic_case_label = kind in _DMHC_KINDS and extract.find_dmhc_case_number(lead_pages, True)
    case_number = generic_case_label or extract.find_dmhc_case_number(every_page, False)
    reference = extract.find_reference(every_page)
    if reference is not None and case_number is not None and reference.value == case_number.value:
        reference = None  # the DMHC's number is not the plan's reference
    regulator = route.decide_route(every_page)
    reading = Reading(
        kind=kind,
        reason=lead[0].reason,
        insurer=insurers.find_insurer([v.pages for v in ordered]),
        plan_type=plan_type.find_plan_type(every_page),
        member_id=extract.find_member_id(every_page),
        group_number=extract.find_group_number(every_page),
        reference_number=reference,
        letter_date=extract.find_letter_date(every_page),
        service_date=service_dates.find_service_date(every_page),
        service=eob.find_service(denied) or denied_service.find_service(every_page),
        codes=codes.find_codes(every_page),
        category=_category(kind, denied, reasons, lead_pages),
        route=regulator.finding(),
        route_evidence=regulator.findings(),
        urgent=category.find_urgent(lead_pages),
        reasons=reasons,
        criteria=criteria.find_criteria(lead_pages),
        stated_deadlines=stated_deadlines.find_stated_deadlines(lead_pages),
        appeal_address=contacts.find_appeal_address(every_page),
        appeal_phone=contacts.find_appeal_phone(every_page),
        appeal_fax=contacts.find_appeal_fax(every_page),
        decision=lead[0].decision,
        grievance_date=extract.find_grievance_date(every_page),
        dmhc_case_number=case_number,
    )
    empty: dict[str, Any] = {f: () if f in _MANY else None for f in _ASSEMBLED - FIELDS[kind]}
    return replace(reading, **empty)


_ASSEMBLED = frozenset().union(*FIELDS.values())


def _category(
    kind: DocumentKind,
    denied: Sequence[Finding[str]],
    reasons: Sequence[Finding[str]],
    pages: Sequence[Page],
) -> Finding[Category] | None:
    """An EOB's from its denied lines' codes; a DMHC letter's from the review type it states;
    a plan's letter's from its stated reasons, else its text."""
    if kind in _DMHC_KINDS:
        return category.find_review_type(pages)
    return eob.find_category(denied) or category.find_category(reasons, pages)

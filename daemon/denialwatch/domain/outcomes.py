"""A plan's answer to a grievance, and a portal notice (rules 3 and 6 of
``verdict.KIND_RULES``).

A **grievance outcome** (``grievance_call``) when the letter answers a grievance already
filed ("we have reviewed your appeal", "Notice of Appeal Resolution", research 1.2, 7.1) or
says what became of "our decision": partly reversed (GRIEVANCE_DECISION, PARTIAL) > reversed
(APPROVAL, OVERTURNED) > upheld (GRIEVANCE_DECISION, UPHELD: the IMR's qualifying event, HSC
1374.30(j)(3), research D7) > received with a decision still to come
(GRIEVANCE_ACKNOWLEDGEMENT, HSC 1368(a)(4)(A), research D4) > denial wording (UPHELD) >
approval wording (OVERTURNED). An acknowledgement recalls the denial it is about, so a receipt
with a decision to come outranks denial wording, never an explicit "upheld".

A **portal notice** (``portal_notice``): "a new letter is available, sign in to view it", with
no outcome, grievance or DMHC wording (the reader adds: no decision or approval wording).

The wording both read is ``kinds.MARKERS``. Pure.
"""

from __future__ import annotations

from denialwatch.domain.kinds import (
    OUTCOMES,
    Call,
    Marker,
    Markers,
    Spot,
    decision_finding,
    outcome,
)
from denialwatch.domain.model import Decision, DocumentKind

GRIEVANCE_UPHELD = "a plan's grievance decision that keeps the denial"
GRIEVANCE_PARTIAL = "a plan's grievance decision that reverses only part of the denial"
REVERSAL = "an approval: the plan reversed its earlier decision"
GRIEVANCE_RECEIVED = "a plan's acknowledgement of a grievance or appeal"
PORTAL_NOTICE = "a portal notice: the letter itself is in the plan's website"
REASONS = (GRIEVANCE_UPHELD, GRIEVANCE_PARTIAL, REVERSAL, GRIEVANCE_RECEIVED, PORTAL_NOTICE)
"""Every reason these rules give (worded for the review list; never letter text)."""


def answers_grievance(markers: Markers) -> bool:
    """The source speaks, as a fact, of the patient's own grievance ("We received your
    grievance on March 20", "Notice of Appeal Resolution"): a plan's notice, not a newsletter,
    whatever its footer says."""
    return markers[Marker.GRIEVANCE] or markers[Marker.RECEIPT]


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
    stated = outcome(markers)
    if stated is not None:
        if stated.value is Decision.OVERTURNED:
            return Call(DocumentKind.APPROVAL, REVERSAL, stated)
        reason = GRIEVANCE_PARTIAL if stated.value is Decision.PARTIAL else GRIEVANCE_UPHELD
        return Call(DocumentKind.GRIEVANCE_DECISION, reason, stated)
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
    others = (Marker.GRIEVANCE, Marker.RECEIPT, Marker.DMHC_DECIDED, *OUTCOMES)
    return markers[Marker.PORTAL] and not any(markers[m] for m in others)

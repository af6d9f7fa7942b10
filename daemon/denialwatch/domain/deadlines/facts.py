"""The facts the deadline rules start from, read off a case's timeline.

A rule starts from a fact, not from a raw event: "the denial" is the first denial letter or
EOB, "the grievance was upheld" is a grievance decision that did not overturn the denial,
"the DMHC received the application" depends on how it was filed. Each fact is the day it
happened (the patient's calendar day) and the events it was read from, as (name, ISO value)
pairs for the deadline's ``inputs``.

When the timeline holds several events of a kind, the earliest counts: an earlier start
gives earlier deadlines, which is the safe side for a patient.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from denialwatch.domain.events import CaseEvent, EventKind, FilingMethod, Timeline
from denialwatch.domain.model import Category, Decision

Inputs = tuple[tuple[str, str], ...]


class Fact(StrEnum):
    DENIAL = "denial"
    """The denial's date: the first denial letter, or an EOB with denied lines."""
    GRIEVANCE_FILED = "grievance_filed"
    """The day the patient filed the grievance (appeal) with the plan or insurer."""
    GRIEVANCE_UPHELD = "grievance_upheld"
    """The plan's written grievance decision keeping the denial, in whole or in part."""
    GRIEVANCE_DECIDED = "grievance_decided"
    """Any grievance decision, whichever way it went: the grievance is no longer open."""
    IMR_MAILED = "imr_mailed"
    """The IMR application went by mail (the day it was mailed)."""
    IMR_RECEIVED = "imr_received"
    """The regulator has the application: the delivery day for mail when known, else the
    day it was filed (mailed, faxed or sent online)."""
    DMHC_ACCEPTED = "dmhc_accepted"
    """The DMHC (or CDI) acknowledged and accepted the application."""
    OVERTURNED = "overturned"
    """The IMR decision overturned the denial, in whole or in part."""


@dataclass(frozen=True)
class Known:
    """A fact as the timeline shows it."""

    day: date
    inputs: Inputs


WON = {Decision.OVERTURNED.value, Decision.PARTIAL.value}


def is_urgent(timeline: Timeline) -> bool:
    """The case is urgent, or was marked so (urgent only ever shortens a deadline)."""
    return timeline.urgent or timeline.has(EventKind.MARKED_URGENT)


def is_experimental(timeline: Timeline) -> bool:
    return timeline.category is Category.EXPERIMENTAL


def facts_of(timeline: Timeline) -> dict[Fact, Known]:
    """Every fact the timeline establishes."""
    found: dict[Fact, Known] = {}

    def keep(fact: Fact, event: CaseEvent | None, *extra: tuple[str, str]) -> None:
        if event is not None:
            found[fact] = Known(event.on, ((event.kind.value, event.on.isoformat()), *extra))

    keep(Fact.DENIAL, _earliest(timeline.of([EventKind.DENIAL_RECEIVED, EventKind.EOB_RECEIVED])))
    keep(Fact.GRIEVANCE_FILED, timeline.first(EventKind.GRIEVANCE_FILED))
    decisions = timeline.of([EventKind.GRIEVANCE_DECISION_RECEIVED])
    decided = _earliest(decisions)
    keep(Fact.GRIEVANCE_DECIDED, decided, *_decision(decided))
    upheld = _earliest([e for e in decisions if e.get("decision") != Decision.OVERTURNED.value])
    keep(Fact.GRIEVANCE_UPHELD, upheld, *_decision(upheld))
    _filing(timeline, found)
    keep(Fact.DMHC_ACCEPTED, timeline.first(EventKind.DMHC_ACKNOWLEDGED))
    won = _earliest(
        [e for e in timeline.of([EventKind.DMHC_DECISION_RECEIVED]) if e.get("decision") in WON]
    )
    keep(Fact.OVERTURNED, won, *_decision(won))
    return found


def _filing(timeline: Timeline, found: dict[Fact, Known]) -> None:
    filed = timeline.first(EventKind.IMR_FILED)
    if filed is None:
        return
    inputs: Inputs = (("imr_filed", filed.on.isoformat()),)
    method = filed.get("method")
    if method is not None:
        inputs += (("method", method),)
    received = filed.on
    if method == FilingMethod.MAIL.value:
        found[Fact.IMR_MAILED] = Known(filed.on, inputs)
        delivered = _earliest(
            [e for e in timeline.of([EventKind.DELIVERY_CONFIRMED]) if e.on >= filed.on]
        )
        if delivered is not None:
            received = delivered.on
            inputs += (("delivery_confirmed", delivered.on.isoformat()),)
    found[Fact.IMR_RECEIVED] = Known(received, inputs)


def _earliest(events: list[CaseEvent]) -> CaseEvent | None:
    return min(events, key=lambda e: e.on) if events else None


def _decision(event: CaseEvent | None) -> tuple[tuple[str, str], ...]:
    decision = event.get("decision") if event is not None else None
    return (("decision", decision),) if decision is not None else ()

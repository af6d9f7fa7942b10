"""The dates a case's timeline gives, one per kind of deadline, each with its rule and inputs.

``compute_deadlines`` runs every rule of the table (``rules``) that applies to the case's
route, urgency and category, from the facts its timeline establishes (``facts``). Where
several rules give the same kind, the earliest date wins: the IMR file-by date is the
earliest of six months from each qualifying event (research 2.2: "compute every candidate
and show the earliest"), and every candidate is kept in ``Deadline.candidates``; the first
day the patient may apply is likewise the earliest of its starting points.

Deadlines are computed whatever has happened since: the grievance window stays a fact of
the case after the grievance is filed, the IMR decision's due date after the decision came.
The reminder planner should treat each as **met** (no more reminders) once one of these
events is on the timeline (``Rule.met_by`` holds the same as data):

- grievance window, Medi-Cal appeal window: a grievance filed, acknowledged or decided, or
  an IMR filed;
- grievance resolution: a grievance decision, or an approval;
- IMR eligible, IMR file-by: an IMR filed;
- DMHC acknowledgement expected: the DMHC's acknowledgement or decision;
- delivery expected: delivery confirmed, or the DMHC's acknowledgement;
- IMR decision expected, DMHC typical decision: the DMHC's decision;
- plan compliance: the plan complied.

Days are the patient's calendar days, as the timeline records them. ``zone`` is used only by
rules counted in hours: an event has a day but no time, so the count starts at the first
instant of that day in ``zone`` (the earliest the period can end), and ``due_at`` is that
instant plus the hours, in UTC; ``due`` is its local day.

Where a rule's day is a letter's date rather than the day it arrived (the grievance decision,
the IMR decision), the date is early by the mail's delay; that errs on the patient's side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from denialwatch.domain.deadlines.arithmetic import Unit, add_hours, apply_roll, period_end
from denialwatch.domain.deadlines.facts import (
    Fact,
    Inputs,
    Known,
    facts_of,
    is_experimental,
    is_urgent,
)
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.deadlines.rules import RULES, After, Rule
from denialwatch.domain.events import Timeline

ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}
CANDIDATE_KINDS = frozenset({DeadlineKind.IMR_FILE_BY})
"""Kinds whose every candidate date is kept on the deadline."""
LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Outcome:
    """What one rule gave: the period's last day, the day after the roll, and why."""

    rule: Rule
    counted: date
    due: date
    due_at: datetime | None
    inputs: Inputs


def compute_deadlines(
    timeline: Timeline, *, zone: ZoneInfo, rules: Sequence[Rule] = RULES
) -> tuple[Deadline, ...]:
    """Every deadline that applies to the case, in the order of ``DeadlineKind``."""
    outcomes = run_rules(timeline, zone=zone, rules=rules)
    by_kind: dict[DeadlineKind, list[Outcome]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.rule.kind, []).append(outcome)
    return tuple(_deadline(kind, by_kind[kind]) for kind in sorted(by_kind, key=ORDER.__getitem__))


def run_rules(timeline: Timeline, *, zone: ZoneInfo, rules: Sequence[Rule]) -> list[Outcome]:
    """What each applicable rule gives, in table order."""
    facts = facts_of(timeline)
    urgent = is_urgent(timeline)
    experimental = is_experimental(timeline)
    done: dict[str, Outcome] = {}
    for rule in rules:
        if (
            timeline.route not in rule.routes
            or rule.urgent not in (None, urgent)
            or rule.experimental not in (None, experimental)
        ):
            continue
        start = _start(rule, facts, done)
        if start is None:
            continue
        outcome = _run(rule, start, zone, _conditions(rule, timeline.route.value, urgent))
        blocker = facts.get(rule.unless) if rule.unless is not None else None
        if blocker is not None and blocker.day <= outcome.counted:
            continue
        done[rule.id] = outcome
    return list(done.values())


def _start(rule: Rule, facts: dict[Fact, Known], done: dict[str, Outcome]) -> Known | None:
    if isinstance(rule.trigger, After):
        parent = done.get(rule.trigger.rule)
        if parent is None:
            return None
        return Known(parent.counted, (*parent.inputs, (parent.rule.id, parent.counted.isoformat())))
    return facts.get(rule.trigger)


def _conditions(rule: Rule, route: str, urgent: bool) -> Inputs:
    found: Inputs = (("route", route),)
    if rule.urgent is not None:
        found += (("urgent", _flag(urgent)),)
    if rule.experimental is not None:
        found += (("experimental", _flag(rule.experimental)),)
    return found


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _run(rule: Rule, start: Known, zone: ZoneInfo, conditions: Inputs) -> Outcome:
    inputs = (*start.inputs, *conditions)
    if rule.unit is Unit.HOURS:
        begins = datetime.combine(start.day, time(0, 0), tzinfo=zone)
        ends = add_hours(begins, rule.amount)
        inputs = (*inputs, ("counted_from", begins.isoformat()))
        return Outcome(rule, ends.date(), ends.date(), ends.astimezone(UTC), _unique(inputs))
    counted = period_end(start.day, rule.amount, rule.unit)
    due = apply_roll(counted, rule.roll)
    if due != counted:
        inputs = (*inputs, ("rolled_from", counted.isoformat()))
    return Outcome(rule, counted, due, None, _unique(inputs))


def _deadline(kind: DeadlineKind, outcomes: list[Outcome]) -> Deadline:
    first = min(outcomes, key=lambda o: (o.due, o.due_at or LATEST))  # ties: table order
    inputs = first.inputs
    candidates: tuple[date, ...] = ()
    if kind in CANDIDATE_KINDS:
        candidates = tuple(sorted({o.due for o in outcomes}))
        named = ((f"candidate:{o.rule.id}", o.due.isoformat()) for o in outcomes)
        inputs = _unique((*inputs, *named))
    return Deadline(
        kind=kind,
        due=first.due,
        rule=first.rule.id,
        citation=first.rule.citation,
        inputs=inputs,
        description=first.rule.description,
        due_at=first.due_at,
        candidates=candidates,
    )


def _unique(inputs: Inputs) -> Inputs:
    """The pairs with each name once (the first), so they read as a mapping."""
    seen: set[str] = set()
    kept: list[tuple[str, str]] = []
    for name, value in inputs:
        if name not in seen:
            seen.add(name)
            kept.append((name, value))
    return tuple(kept)

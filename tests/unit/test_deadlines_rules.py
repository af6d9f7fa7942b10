"""The rules table: complete, consistent, and what DOMAIN.md and the research file say."""

from __future__ import annotations

from itertools import product

import pytest

from denialwatch.domain.deadlines.arithmetic import Roll, Unit
from denialwatch.domain.deadlines.facts import Fact
from denialwatch.domain.deadlines.model import DeadlineKind
from denialwatch.domain.deadlines.rules import RULES, After, Rule, rules_table
from denialwatch.domain.model import Route

BY_ID = {rule.id: rule for rule in RULES}
NEXT = Roll.NEXT_BUSINESS_DAY
NONE = Roll.NONE
DAYS = Unit.CALENDAR_DAYS
DMHC = {Route.DMHC, Route.MEDI_CAL}
IMR = {Route.DMHC, Route.MEDI_CAL, Route.CDI}

# id, trigger, amount, unit, roll, routes, urgent, experimental: written out by hand.
TABLE: list[tuple[str, Fact | After, int, Unit, Roll, set[Route], bool | None, bool | None]] = [
    ("grievance_window", Fact.DENIAL, 180, DAYS, NEXT, {Route.DMHC}, None, None),
    ("grievance_window.cdi", Fact.DENIAL, 180, DAYS, NONE, {Route.CDI}, None, None),
    ("medi_cal_appeal_window", Fact.DENIAL, 60, DAYS, NONE, {Route.MEDI_CAL}, None, None),
    ("grievance_resolution", Fact.GRIEVANCE_FILED, 30, DAYS, NEXT, DMHC, False, None),
    ("grievance_resolution.urgent", Fact.GRIEVANCE_FILED, 3, DAYS, NONE, DMHC, True, None),
    ("grievance_resolution.cdi", Fact.GRIEVANCE_FILED, 30, DAYS, NEXT, {Route.CDI}, False, None),
    (
        "grievance_resolution.cdi_urgent",
        Fact.GRIEVANCE_FILED,
        72,
        Unit.HOURS,
        NONE,
        {Route.CDI},
        True,
        None,
    ),
    ("imr_eligible.decision", Fact.GRIEVANCE_UPHELD, 0, DAYS, NONE, IMR, None, None),
    ("imr_eligible.unanswered", Fact.GRIEVANCE_FILED, 30, DAYS, NONE, IMR, False, None),
    ("imr_eligible.unanswered_urgent", Fact.GRIEVANCE_FILED, 3, DAYS, NONE, IMR, True, None),
    ("imr_eligible.experimental", Fact.DENIAL, 0, DAYS, NONE, DMHC, None, True),
    (
        "imr_file_by.decision",
        After("imr_eligible.decision"),
        6,
        Unit.CALENDAR_MONTHS,
        NEXT,
        IMR,
        None,
        None,
    ),
    (
        "imr_file_by.unanswered",
        After("imr_eligible.unanswered"),
        6,
        Unit.CALENDAR_MONTHS,
        NEXT,
        IMR,
        None,
        None,
    ),
    (
        "imr_file_by.unanswered_urgent",
        After("imr_eligible.unanswered_urgent"),
        6,
        Unit.CALENDAR_MONTHS,
        NEXT,
        IMR,
        None,
        None,
    ),
    (
        "imr_file_by.experimental",
        After("imr_eligible.experimental"),
        6,
        Unit.CALENDAR_MONTHS,
        NEXT,
        DMHC,
        None,
        None,
    ),
    ("dmhc_acknowledgement_expected", Fact.IMR_RECEIVED, 5, DAYS, NEXT, DMHC, None, None),
    ("delivery_expected", Fact.IMR_MAILED, 7, DAYS, NONE, IMR, None, None),
    ("imr_decision_expected", Fact.DMHC_ACCEPTED, 30, DAYS, NEXT, IMR, False, None),
    ("imr_decision_expected.urgent", Fact.DMHC_ACCEPTED, 3, DAYS, NONE, IMR, True, False),
    (
        "imr_decision_expected.urgent_experimental",
        Fact.DMHC_ACCEPTED,
        7,
        DAYS,
        NONE,
        IMR,
        True,
        True,
    ),
    ("dmhc_typical_decision", Fact.IMR_RECEIVED, 45, DAYS, NONE, DMHC, False, None),
    ("dmhc_typical_decision.urgent", Fact.IMR_RECEIVED, 7, DAYS, NONE, DMHC, True, None),
    ("plan_compliance", Fact.OVERTURNED, 5, Unit.BUSINESS_DAYS, NONE, DMHC, None, None),
]


def test_the_table_is_the_one_written_out_here() -> None:
    assert [rule.id for rule in RULES] == [row[0] for row in TABLE]


@pytest.mark.parametrize("row", TABLE, ids=[row[0] for row in TABLE])
def test_each_rule(
    row: tuple[str, Fact | After, int, Unit, Roll, set[Route], bool | None, bool | None],
) -> None:
    rule_id, trigger, amount, unit, roll, routes, urgent, experimental = row
    rule = BY_ID[rule_id]
    assert (rule.trigger, rule.amount, rule.unit, rule.roll) == (trigger, amount, unit, roll)
    assert rule.routes == routes
    assert (rule.urgent, rule.experimental) == (urgent, experimental)


@pytest.mark.parametrize(
    ("rule_id", "cited"),
    [
        ("grievance_window", ["1300.68", "not retrieved", "research D3"]),
        ("medi_cal_appeal_window", ["60 calendar days", "research 1.1"]),
        ("grievance_resolution", ["HSC 1368.01(a)", "research D5"]),
        ("grievance_resolution.urgent", ["HSC 1368.01(b)", "research D6"]),
        ("imr_eligible.unanswered", ["1374.30(j)(3)", "research D7"]),
        ("imr_eligible.experimental", ["1370.4", "research D7a"]),
        ("imr_file_by.decision", ["1374.30(k)", "research D8", "2.2"]),
        ("dmhc_acknowledgement_expected", ["research D9"]),
        ("imr_decision_expected", ["research D12"]),
        ("imr_decision_expected.urgent", ["research D13"]),
        ("imr_decision_expected.urgent_experimental", ["research D14"]),
        ("dmhc_typical_decision", ["research 2.3"]),
        ("plan_compliance", ["HSC 1374.34(a)", "research D16"]),
    ],
)
def test_citations_name_the_law_and_the_research_row(rule_id: str, cited: list[str]) -> None:
    for part in cited:
        assert part in BY_ID[rule_id].citation


def test_ids_are_unique_and_every_kind_has_a_rule() -> None:
    assert len(BY_ID) == len(RULES)
    assert {rule.kind for rule in RULES} == set(DeadlineKind)


def test_every_rule_explains_itself() -> None:
    for rule in RULES:
        assert rule.citation, rule.id
        assert "research" in rule.citation or "DOMAIN.md" in rule.citation, rule.id
        assert rule.description.endswith("."), rule.id
        assert rule.met_by, rule.id
        assert rule.routes, rule.id


def test_a_chained_rule_follows_an_earlier_rule_on_no_wider_routes() -> None:
    seen: dict[str, Rule] = {}
    for rule in RULES:
        if isinstance(rule.trigger, After):
            parent = seen[rule.trigger.rule]
            assert rule.routes <= parent.routes, rule.id
            assert parent.kind is DeadlineKind.IMR_ELIGIBLE
            assert rule.kind is DeadlineKind.IMR_FILE_BY
        seen[rule.id] = rule
    file_by = [r for r in RULES if r.kind is DeadlineKind.IMR_FILE_BY]
    eligible = [r for r in RULES if r.kind is DeadlineKind.IMR_ELIGIBLE]
    assert len(file_by) == len(eligible)  # six months from every qualifying event


def test_no_rule_for_routes_outside_this_workflow() -> None:
    for rule in RULES:
        assert not rule.routes & {Route.MEDICARE, Route.ERISA, Route.WORKERS_COMP, Route.UNKNOWN}


def test_urgent_hour_and_business_day_periods_never_roll() -> None:
    for rule in RULES:
        if rule.urgent or rule.unit in (Unit.HOURS, Unit.BUSINESS_DAYS):
            assert rule.roll is Roll.NONE, rule.id


def test_one_rule_per_kind_for_any_case_but_the_candidate_kinds() -> None:
    candidates = {DeadlineKind.IMR_ELIGIBLE, DeadlineKind.IMR_FILE_BY}
    for route, urgent, experimental in product(Route, (False, True), (False, True)):
        applying: dict[DeadlineKind, list[str]] = {}
        for rule in RULES:
            if (
                route in rule.routes
                and rule.urgent in (None, urgent)
                and rule.experimental in (None, experimental)
            ):
                applying.setdefault(rule.kind, []).append(rule.id)
        for kind, ids in applying.items():
            if kind not in candidates:
                assert len(ids) == 1, (route, urgent, experimental, ids)


def test_the_mail_delivery_days_are_a_setting() -> None:
    assert rules_table() == RULES
    ten = rules_table(mail_delivery_days=10)
    assert {r.id: r.amount for r in ten}["delivery_expected"] == 10
    assert [r for r in ten if r.id != "delivery_expected"] == [
        r for r in RULES if r.id != "delivery_expected"
    ]

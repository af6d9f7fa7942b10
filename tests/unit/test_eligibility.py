"""Can the patient apply for an IMR: now, from a date, not through the DMHC, or what we need."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.eligibility import CaseFacts, Status, assess
from denialwatch.domain.model import Category, Route

TODAY = date(2026, 6, 1)


def facts(**changes: object) -> CaseFacts:
    base: dict[str, object] = {
        "route": Route.DMHC,
        "category": Category.MEDICAL_NECESSITY,
        "urgent": False,
    }
    base.update(changes)
    return CaseFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("route", [Route.MEDICARE, Route.ERISA, Route.WORKERS_COMP, Route.CDI])
def test_plans_outside_the_dmhc_are_told_why(route: Route) -> None:
    result = assess(facts(route=route), TODAY)
    assert result.status is Status.NOT_DMHC
    assert result.why
    assert result.citation


def test_an_unknown_regulator_is_a_question_not_a_guess() -> None:
    result = assess(facts(route=Route.UNKNOWN), TODAY)
    assert result.status is Status.NEED_INFO
    assert result.question is not None
    assert "HMO" in result.question


def test_experimental_denials_need_no_grievance() -> None:
    result = assess(facts(category=Category.EXPERIMENTAL), TODAY)
    assert result.status is Status.ELIGIBLE_NOW
    assert "1370.4" in result.citation


def test_an_upheld_grievance_is_the_qualifying_event() -> None:
    result = assess(facts(grievance_upheld=date(2026, 5, 20)), TODAY)
    assert result.status is Status.ELIGIBLE_NOW
    assert "1374.30(j)(3)" in result.citation


def test_an_open_grievance_is_eligible_after_30_days_or_3_if_urgent() -> None:
    waiting = assess(facts(grievance_filed=date(2026, 5, 20)), TODAY)
    assert waiting.status is Status.ELIGIBLE_ON
    assert waiting.on == date(2026, 6, 19)
    urgent = assess(facts(grievance_filed=date(2026, 5, 20), urgent=True), TODAY)
    assert urgent.status is Status.ELIGIBLE_NOW
    assert assess(facts(grievance_filed=date(2026, 5, 2)), TODAY).status is Status.ELIGIBLE_NOW


def test_a_first_denial_asks_about_the_grievance() -> None:
    result = assess(facts(), TODAY)
    assert result.status is Status.NEED_INFO
    assert result.question is not None
    assert "grievance" in result.question


def test_a_county_medi_cal_plan_is_pointed_to_the_state_hearing() -> None:
    result = assess(facts(route=Route.MEDI_CAL, insurer="CalOptima Health"), TODAY)
    assert result.status is Status.NOT_DMHC
    assert "State Hearing" in result.why
    other = assess(facts(route=Route.MEDI_CAL, insurer="L.A. Care Health Plan"), TODAY)
    assert other.status is Status.NEED_INFO


@given(
    filed=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2031, 12, 31)),
    urgent=st.booleans(),
)
def test_eligible_on_is_always_a_future_day_and_never_after_30_days(
    filed: date, today: date, urgent: bool
) -> None:
    result = assess(facts(grievance_filed=filed, urgent=urgent), today)
    if result.status is Status.ELIGIBLE_ON:
        assert result.on is not None
        assert today < result.on <= date.fromordinal(filed.toordinal() + 30)
    else:
        assert result.status is Status.ELIGIBLE_NOW
        assert (today - filed).days >= (3 if urgent else 30)


def test_the_deadline_rules_day_wins_over_plain_counting() -> None:
    # Filed 2026-03-20: day 30 is Sunday 2026-04-19; the rules may give another day.
    ruled = assess(
        facts(grievance_filed=date(2026, 3, 20), imr_eligible_on=date(2026, 4, 20)),
        date(2026, 4, 19),
    )
    assert ruled.status is Status.ELIGIBLE_ON
    assert ruled.on == date(2026, 4, 20)

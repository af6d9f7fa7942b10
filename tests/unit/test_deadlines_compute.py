"""The deadlines a case's timeline gives, checked against dates worked out by hand.

Every expected date below was counted on a calendar, not by the code: the weekday of each
is in the comment beside it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denialwatch.domain.deadlines.arithmetic import add_calendar_months
from denialwatch.domain.deadlines.calendar import is_business_day, roll_forward
from denialwatch.domain.deadlines.compute import compute_deadlines
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.deadlines.rules import rules_table
from denialwatch.domain.events import CaseEvent, EventKind, Timeline
from denialwatch.domain.model import Category, Route

LA = ZoneInfo("America/Los_Angeles")
K = DeadlineKind
E = EventKind


def event(kind: EventKind, on: date, **detail: str) -> CaseEvent:
    return CaseEvent(kind, on, tuple(sorted(detail.items())))


def case(
    *events: CaseEvent,
    route: Route = Route.DMHC,
    category: Category = Category.MEDICAL_NECESSITY,
    urgent: bool = False,
) -> Timeline:
    return Timeline(route=route, category=category, urgent=urgent, events=events)


def compute(timeline: Timeline) -> dict[DeadlineKind, Deadline]:
    found = compute_deadlines(timeline, zone=LA)
    assert len({d.kind for d in found}) == len(found)
    return {d.kind: d for d in found}


def due(timeline: Timeline) -> dict[DeadlineKind, date]:
    return {kind: d.due for kind, d in compute(timeline).items()}


DENIAL = event(E.DENIAL_RECEIVED, date(2026, 3, 11))  # a Wednesday
FILED = event(E.GRIEVANCE_FILED, date(2026, 3, 20))  # a Friday


def test_the_grievance_window_rolls_off_labor_day() -> None:
    # 2026-03-11 + 180 days = Monday 2026-09-07, Labor Day: the next business day is Tuesday.
    deadlines = compute(case(DENIAL))
    assert list(deadlines) == [K.GRIEVANCE_WINDOW]
    window = deadlines[K.GRIEVANCE_WINDOW]
    assert window.due == date(2026, 9, 8)
    assert window.rule == "grievance_window"
    assert "research D3" in window.citation
    assert dict(window.inputs) == {
        "denial_received": "2026-03-11",
        "route": "dmhc",
        "rolled_from": "2026-09-07",
    }
    assert window.due_at is None
    assert window.candidates == ()


def test_an_eob_with_denied_lines_starts_the_window_too() -> None:
    assert due(case(event(E.EOB_RECEIVED, date(2026, 3, 11)))) == {
        K.GRIEVANCE_WINDOW: date(2026, 9, 8)
    }


def test_an_open_grievance() -> None:
    deadlines = compute(case(DENIAL, FILED))
    # 2026-03-20 + 30 = Sunday 2026-04-19: the plan's last day rolls to Monday.
    assert deadlines[K.GRIEVANCE_RESOLUTION].due == date(2026, 4, 20)
    assert dict(deadlines[K.GRIEVANCE_RESOLUTION].inputs)["rolled_from"] == "2026-04-19"
    # The patient may apply after 30 days of grievance: a first day, never rolled.
    assert deadlines[K.IMR_ELIGIBLE].due == date(2026, 4, 19)
    assert deadlines[K.IMR_ELIGIBLE].rule == "imr_eligible.unanswered"
    # Six months from day 30: Monday 2026-10-19.
    file_by = deadlines[K.IMR_FILE_BY]
    assert file_by.due == date(2026, 10, 19)
    assert file_by.candidates == (date(2026, 10, 19),)
    assert file_by.rule == "imr_file_by.unanswered"
    assert dict(file_by.inputs)["grievance_filed"] == "2026-03-20"
    assert dict(file_by.inputs)["imr_eligible.unanswered"] == "2026-04-19"


def test_a_grievance_decision_is_the_qualifying_event() -> None:
    decided = event(E.GRIEVANCE_DECISION_RECEIVED, date(2026, 4, 17), decision="upheld")
    deadlines = compute(case(DENIAL, FILED, decided))
    assert deadlines[K.IMR_ELIGIBLE].due == date(2026, 4, 17)
    assert deadlines[K.IMR_ELIGIBLE].rule == "imr_eligible.decision"
    # 2026-04-17 + 6 months = Saturday 2026-10-17: rolled to Monday 2026-10-19. Decided
    # before day 30, so "30 days without a decision" never happened: one candidate.
    file_by = deadlines[K.IMR_FILE_BY]
    assert file_by.due == date(2026, 10, 19)
    assert file_by.candidates == (date(2026, 10, 19),)
    assert file_by.rule == "imr_file_by.decision"
    assert dict(file_by.inputs)["rolled_from"] == "2026-10-17"
    assert dict(file_by.inputs)["decision"] == "upheld"
    # The plan's own deadline stays a fact of the case.
    assert deadlines[K.GRIEVANCE_RESOLUTION].due == date(2026, 4, 20)


def test_a_late_decision_gives_two_candidates_and_the_earliest_wins() -> None:
    late = event(E.GRIEVANCE_DECISION_RECEIVED, date(2026, 5, 1))
    file_by = compute(case(DENIAL, FILED, late))[K.IMR_FILE_BY]
    # Day 30 (2026-04-19) + 6 months = Monday 2026-10-19; the decision (2026-05-01) + 6
    # months = Sunday 2026-11-01, rolled to Monday 2026-11-02.
    assert file_by.due == date(2026, 10, 19)
    assert file_by.candidates == (date(2026, 10, 19), date(2026, 11, 2))
    assert dict(file_by.inputs)["candidate:imr_file_by.decision"] == "2026-11-02"
    assert dict(file_by.inputs)["candidate:imr_file_by.unanswered"] == "2026-10-19"


def test_a_grievance_won_is_no_qualifying_event() -> None:
    won = event(E.GRIEVANCE_DECISION_RECEIVED, date(2026, 4, 10), decision="overturned")
    deadlines = compute(case(DENIAL, FILED, won))
    assert K.IMR_ELIGIBLE not in deadlines
    assert K.IMR_FILE_BY not in deadlines
    assert deadlines[K.GRIEVANCE_RESOLUTION].due == date(2026, 4, 20)


def test_an_experimental_denial_needs_no_grievance() -> None:
    denial = event(E.DENIAL_RECEIVED, date(2026, 8, 31))  # a Monday
    deadlines = compute(case(denial, category=Category.EXPERIMENTAL))
    assert deadlines[K.IMR_ELIGIBLE].due == date(2026, 8, 31)
    # 2026-08-31 + 6 months = 2027-02-28 (February has no 31st), a Sunday: Monday 2027-03-01.
    file_by = deadlines[K.IMR_FILE_BY]
    assert dict(file_by.inputs)["rolled_from"] == "2027-02-28"
    assert file_by.due == date(2027, 3, 1)
    assert file_by.rule == "imr_file_by.experimental"
    # 2026-08-31 + 180 days = Saturday 2027-02-27: Monday 2027-03-01.
    assert deadlines[K.GRIEVANCE_WINDOW].due == date(2027, 3, 1)


def test_an_overturned_imr_gives_the_plan_five_working_days() -> None:
    # Friday 2026-11-20: Mon 23, Tue 24, Wed 25, (Thanksgiving Thu 26, Fri 27 closed),
    # Mon 30, Tue Dec 1.
    won = event(E.DMHC_DECISION_RECEIVED, date(2026, 11, 20), decision="overturned")
    compliance = compute(case(won))[K.PLAN_COMPLIANCE]
    assert compliance.due == date(2026, 12, 1)
    assert compliance.rule == "plan_compliance"
    assert "1374.34(a)" in compliance.citation
    partial = event(E.DMHC_DECISION_RECEIVED, date(2026, 11, 20), decision="partial")
    assert due(case(partial))[K.PLAN_COMPLIANCE] == date(2026, 12, 1)
    upheld = event(E.DMHC_DECISION_RECEIVED, date(2026, 11, 20), decision="upheld")
    assert K.PLAN_COMPLIANCE not in due(case(upheld))


def test_an_urgent_grievance_counts_three_days_and_does_not_roll() -> None:
    filed = event(E.GRIEVANCE_FILED, date(2026, 3, 19))  # a Thursday
    deadlines = compute(case(filed, urgent=True))
    # 2026-03-19 + 3 = Sunday 2026-03-22, and it stays a Sunday.
    assert deadlines[K.GRIEVANCE_RESOLUTION].due == date(2026, 3, 22)
    assert deadlines[K.GRIEVANCE_RESOLUTION].rule == "grievance_resolution.urgent"
    assert dict(deadlines[K.GRIEVANCE_RESOLUTION].inputs)["urgent"] == "true"
    assert deadlines[K.IMR_ELIGIBLE].due == date(2026, 3, 22)
    assert deadlines[K.IMR_FILE_BY].due == date(2026, 9, 22)  # a Tuesday
    marked = case(filed, event(E.MARKED_URGENT, date(2026, 3, 19)))
    assert due(marked)[K.GRIEVANCE_RESOLUTION] == date(2026, 3, 22)


def test_rolls_over_thanksgiving_but_not_over_lincoln_day() -> None:
    # 2026-10-27 + 30 = Thanksgiving, Thursday 2026-11-26: Monday 2026-11-30.
    thanksgiving = case(event(E.GRIEVANCE_FILED, date(2026, 10, 27)))
    assert due(thanksgiving)[K.GRIEVANCE_RESOLUTION] == date(2026, 11, 30)
    # 2027-01-13 + 30 = Friday 2027-02-12, Lincoln Day: state offices are open, no roll.
    lincoln = case(event(E.GRIEVANCE_FILED, date(2027, 1, 13)))
    assert due(lincoln)[K.GRIEVANCE_RESOLUTION] == date(2027, 2, 12)


def test_medi_cal_has_sixty_days_to_appeal_unrolled_then_the_dmhc_path() -> None:
    deadlines = due(case(DENIAL, route=Route.MEDI_CAL))
    # 2026-03-11 + 60 = Sunday 2026-05-10: a federal limit, not rolled.
    assert deadlines == {K.MEDI_CAL_APPEAL_WINDOW: date(2026, 5, 10)}
    appealed = due(case(DENIAL, FILED, route=Route.MEDI_CAL))
    assert appealed[K.GRIEVANCE_RESOLUTION] == date(2026, 4, 20)
    assert appealed[K.IMR_FILE_BY] == date(2026, 10, 19)
    assert K.GRIEVANCE_WINDOW not in appealed


EVERYTHING = (
    DENIAL,
    FILED,
    event(E.GRIEVANCE_DECISION_RECEIVED, date(2026, 4, 17), decision="upheld"),
    event(E.IMR_FILED, date(2026, 5, 4), method="mail", tracking="9400"),
    event(E.DELIVERY_CONFIRMED, date(2026, 5, 7)),
    event(E.DMHC_ACKNOWLEDGED, date(2026, 5, 12)),
    event(E.DMHC_DECISION_RECEIVED, date(2026, 6, 10), decision="overturned"),
)


@pytest.mark.parametrize("route", [Route.MEDICARE, Route.ERISA, Route.WORKERS_COMP, Route.UNKNOWN])
def test_no_dmhc_deadlines_outside_the_workflow(route: Route) -> None:
    assert compute_deadlines(case(*EVERYTHING, route=route), zone=LA) == ()


def test_a_mailed_application() -> None:
    mailed = event(E.IMR_FILED, date(2026, 5, 4), method="mail")  # a Monday
    deadlines = due(case(mailed))
    assert deadlines[K.DELIVERY_EXPECTED] == date(2026, 5, 11)  # 7 days
    # No delivery confirmation: counted from the mailing day, 2026-05-09 a Saturday.
    assert deadlines[K.DMHC_ACKNOWLEDGEMENT_EXPECTED] == date(2026, 5, 11)
    assert deadlines[K.DMHC_TYPICAL_DECISION] == date(2026, 6, 18)  # + 45, a Thursday
    delivered = due(case(mailed, event(E.DELIVERY_CONFIRMED, date(2026, 5, 7))))
    assert delivered[K.DMHC_ACKNOWLEDGEMENT_EXPECTED] == date(2026, 5, 12)
    assert delivered[K.DMHC_TYPICAL_DECISION] == date(2026, 6, 21)  # a Sunday: no roll
    ten = compute_deadlines(case(mailed), zone=LA, rules=rules_table(mail_delivery_days=10))
    assert {d.kind: d.due for d in ten}[K.DELIVERY_EXPECTED] == date(2026, 5, 14)


def test_an_online_application_has_nothing_to_deliver() -> None:
    online = due(case(event(E.IMR_FILED, date(2026, 5, 4), method="online")))
    assert K.DELIVERY_EXPECTED not in online
    assert online[K.DMHC_ACKNOWLEDGEMENT_EXPECTED] == date(2026, 5, 11)


@pytest.mark.parametrize(
    ("urgent", "category", "expected"),
    [
        (False, Category.MEDICAL_NECESSITY, date(2026, 6, 11)),  # + 30, a Thursday
        (True, Category.MEDICAL_NECESSITY, date(2026, 5, 15)),  # + 3
        (True, Category.EXPERIMENTAL, date(2026, 5, 19)),  # + 7
    ],
)
def test_the_imr_decision_is_expected(urgent: bool, category: Category, expected: date) -> None:
    accepted = event(E.DMHC_ACKNOWLEDGED, date(2026, 5, 12))  # a Tuesday
    assert (
        due(case(accepted, urgent=urgent, category=category))[K.IMR_DECISION_EXPECTED] == expected
    )


def test_the_friday_before_a_saturday_holiday_is_a_business_day() -> None:
    # 2026-06-03 + 30 = Friday 2026-07-03; Independence Day is Saturday the 4th and state
    # offices do not close the Friday before.
    accepted = event(E.DMHC_ACKNOWLEDGED, date(2026, 6, 3))
    assert due(case(accepted))[K.IMR_DECISION_EXPECTED] == date(2026, 7, 3)


def test_cdi_policies() -> None:
    denial_only = compute(case(DENIAL, route=Route.CDI))
    # A federal minimum: Labor Day 2026-09-07 is not rolled over.
    assert denial_only[K.GRIEVANCE_WINDOW].due == date(2026, 9, 7)
    assert denial_only[K.GRIEVANCE_WINDOW].rule == "grievance_window.cdi"
    experimental = due(case(DENIAL, route=Route.CDI, category=Category.EXPERIMENTAL))
    assert K.IMR_ELIGIBLE not in experimental  # CDI's experimental path is not sourced here


def test_an_urgent_cdi_appeal_is_counted_in_real_hours() -> None:
    # Filed Saturday 2026-10-31; the clocks go back at 02:00 on Sunday. From the first instant
    # of that day (00:00 PDT = 07:00 UTC), 72 hours end at 07:00 UTC on Tuesday, which is
    # 23:00 PST on Monday 2026-11-02.
    filed = event(E.GRIEVANCE_FILED, date(2026, 10, 31))
    timeline = case(filed, route=Route.CDI, urgent=True)
    deadlines = compute(timeline)
    answer = deadlines[K.GRIEVANCE_RESOLUTION]
    assert answer.rule == "grievance_resolution.cdi_urgent"
    assert answer.due_at == datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
    assert answer.due == date(2026, 11, 2)
    assert dict(answer.inputs)["counted_from"] == "2026-10-31T00:00:00-07:00"
    assert deadlines[K.IMR_ELIGIBLE].due == date(2026, 11, 3)  # 3 days
    assert deadlines[K.IMR_FILE_BY].due == date(2027, 5, 3)  # a Monday
    in_utc = {d.kind: d for d in compute_deadlines(timeline, zone=ZoneInfo("UTC"))}
    assert in_utc[K.GRIEVANCE_RESOLUTION].due_at == datetime(2026, 11, 3, 0, 0, tzinfo=UTC)
    assert in_utc[K.IMR_FILE_BY].due == date(2027, 5, 3)  # the zone only moves hour rules


def test_everything_at_once_in_a_fixed_order() -> None:
    found = compute_deadlines(case(*EVERYTHING), zone=LA)
    assert [d.kind for d in found] == [
        K.GRIEVANCE_WINDOW,
        K.GRIEVANCE_RESOLUTION,
        K.IMR_ELIGIBLE,
        K.IMR_FILE_BY,
        K.DMHC_ACKNOWLEDGEMENT_EXPECTED,
        K.DELIVERY_EXPECTED,
        K.IMR_DECISION_EXPECTED,
        K.DMHC_TYPICAL_DECISION,
        K.PLAN_COMPLIANCE,
    ]
    for reordered in (EVERYTHING[::-1], EVERYTHING[3:] + EVERYTHING[:3]):
        assert compute_deadlines(case(*reordered), zone=LA) == found
    for deadline in found:
        names = [name for name, _ in deadline.inputs]
        assert len(names) == len(set(names)), deadline.kind
        assert deadline.description
        assert deadline.citation


def test_the_earliest_event_of_a_kind_counts() -> None:
    later = event(E.GRIEVANCE_FILED, date(2026, 4, 2))
    assert due(case(later, FILED))[K.IMR_ELIGIBLE] == date(2026, 4, 19)


grievance_days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


@given(grievance_days, st.one_of(st.none(), st.integers(0, 120)), st.booleans())
def test_the_file_by_date_is_the_earliest_candidate(
    filed_on: date, decided_after: int | None, urgent: bool
) -> None:
    events = [event(E.GRIEVANCE_FILED, filed_on)]
    if decided_after is not None:
        events.append(event(E.GRIEVANCE_DECISION_RECEIVED, filed_on + timedelta(decided_after)))
    deadlines = compute(case(*events, urgent=urgent))
    file_by = deadlines[K.IMR_FILE_BY]
    assert file_by.due == min(file_by.candidates)
    assert list(file_by.candidates) == sorted(set(file_by.candidates))
    assert is_business_day(file_by.due)
    assert deadlines[K.IMR_ELIGIBLE].due < file_by.due
    unanswered = filed_on + timedelta(3 if urgent else 30)
    if decided_after is None or filed_on + timedelta(decided_after) > unanswered:
        assert file_by.due == roll_forward(add_calendar_months(unanswered, 6))
    if decided_after is not None:
        decided = filed_on + timedelta(decided_after)
        assert file_by.due <= roll_forward(add_calendar_months(decided, 6))

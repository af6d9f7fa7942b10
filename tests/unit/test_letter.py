"""The IMR supporting letter and the patient emails, for every route and category."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary, Step, next_step, open_questions
from denialwatch.domain.eligibility import Assessment, Status
from denialwatch.domain.letter import draft_letter, placeholders
from denialwatch.domain.model import Category, Route
from denialwatch.domain.notice import case_opened, message_attached

DMHC = Dmhc()
FULL = CaseSummary(
    case_id=12,
    insurer="Kaiser Permanente",
    member_id="000019482736",
    reference_number="UMD-2026-0311-4471",
    letter_date=date(2026, 3, 11),
    service="Lumbar spinal fusion surgery (L4-L5)",
    category=Category.MEDICAL_NECESSITY,
    route=Route.DMHC,
    urgent=False,
    reasons=("It is not medically necessary under InterQual criteria.", "No conservative care."),
    patient_name="Teresa Almonte",
)
EMPTY = CaseSummary(
    case_id=3,
    insurer=None,
    member_id=None,
    reference_number=None,
    letter_date=None,
    service=None,
    category=Category.UNKNOWN,
    route=Route.UNKNOWN,
    urgent=False,
    reasons=(),
    patient_name=None,
)
NO_IMR = (Route.MEDICARE, Route.ERISA, Route.WORKERS_COMP)
NEED = Assessment(Status.NEED_INFO, "Why.", "HSC 1374.30(j)(3)", question="When did you file?")


def letter(summary: CaseSummary) -> str:
    text = draft_letter(summary, dmhc_mailing_address=DMHC.mailing_address)
    assert text is not None
    return text


def test_the_letter_states_every_fact_found_and_answers_each_reason() -> None:
    text = letter(FULL)
    for fact in (
        "Kaiser Permanente",
        "000019482736",
        "UMD-2026-0311-4471",
        "March 11, 2026",
        "Lumbar spinal fusion surgery (L4-L5)",
    ):
        assert fact in text
    for number, reason in enumerate(FULL.reasons, start=1):
        assert f'The plan wrote: "{reason}"' in text
        assert f"[[YOUR ANSWER TO REASON {number}:" in text
    assert "980 Ninth Street, Suite 500" in text
    assert "Sacramento, CA 95814-2725" in text


def test_what_only_the_patient_knows_is_a_visible_placeholder_with_a_hint() -> None:
    found = placeholders(letter(FULL))
    assert "[[YOUR SIGNATURE]]" in found
    assert any(p.startswith("[[YOUR CONDITION:") for p in found)
    for placeholder in found:
        assert placeholder.upper()[:12] == placeholder[:12]  # starts with capitals


def test_missing_facts_become_placeholders_not_blanks() -> None:
    text = letter(EMPTY)
    assert "[[NAME OF YOUR HEALTH PLAN]]" in text
    assert "[[MEMBER ID from your insurance card]]" in text
    assert "[[DATE PRINTED ON THE DENIAL LETTER]]" in text
    assert "[[COPY THE PLAN'S REASON FROM THE LETTER, word for word]]" in text
    assert "None" not in text


def test_experimental_asks_for_the_physician_certification() -> None:
    text = letter(replace(FULL, category=Category.EXPERIMENTAL))
    assert "1370.4" in text
    assert "[[YOUR DOCTOR'S CERTIFICATION" in text
    assert "without first going through the plan's grievance process" in text


def test_urgent_says_why_it_is_urgent() -> None:
    text = letter(replace(FULL, urgent=True))
    assert "URGENT: expedited review requested" in text
    assert "[[WHY IT IS URGENT:" in text
    assert "URGENT" not in letter(FULL)


def test_a_cdi_policy_is_addressed_to_the_department_of_insurance() -> None:
    text = letter(replace(FULL, route=Route.CDI))
    assert "California Department of Insurance" in text
    assert "Department of Managed Health Care" not in text


@pytest.mark.parametrize("route", NO_IMR)
def test_no_california_imr_letter_where_none_exists(route: Route) -> None:
    assert draft_letter(replace(FULL, route=route), dmhc_mailing_address="x") is None


@pytest.mark.parametrize(
    ("route", "category"), list(itertools.product(list(Route), list(Category)))
)
def test_every_route_and_category_renders(route: Route, category: Category) -> None:
    for base in (FULL, EMPTY):
        summary = replace(base, route=route, category=category)
        text = draft_letter(summary, dmhc_mailing_address=DMHC.mailing_address)
        assert (text is None) == (route in NO_IMR)
        notice = case_opened(summary, letter_attached=text is not None, dmhc=DMHC, assessment=NEED)
        assert summary.number in notice.subject
        assert summary.number in notice.text
        assert DMHC.help_center_phone in notice.text
        assert "YOUR NEXT STEP" in notice.text
        step_text = notice.text.split("YOUR NEXT STEP", 1)[1].split("FREE HELP", 1)[0]
        assert step_text.strip().startswith("1.")
        assert "<html" in notice.html
        assert ("THE DRAFT LETTER" in notice.text) == (text is not None)


def test_next_steps_follow_the_route_then_the_category() -> None:
    assert next_step(FULL) is Step.GRIEVANCE_FIRST
    assert next_step(replace(FULL, category=Category.EXPERIMENTAL)) is Step.IMR_NOW
    assert next_step(replace(FULL, category=Category.NOT_COVERED)) is Step.COMPLAINT
    assert next_step(replace(FULL, route=Route.CDI)) is Step.INSURER_APPEAL_FIRST
    assert next_step(replace(FULL, route=Route.MEDI_CAL)) is Step.MEDI_CAL_APPEAL
    assert next_step(replace(FULL, route=Route.MEDICARE)) is Step.FEDERAL_APPEAL
    assert next_step(replace(FULL, route=Route.WORKERS_COMP)) is Step.OTHER_PROGRAM
    assert next_step(EMPTY) is Step.GRIEVANCE_FIRST


def test_what_was_not_found_becomes_a_question_not_a_guess() -> None:
    assert open_questions(FULL) == []
    asked = " ".join(open_questions(EMPTY))
    for topic in ("health plan", "HMO", "treatment", "reference", "date"):
        assert topic in asked
    notice = case_opened(EMPTY, letter_attached=True, dmhc=DMHC, assessment=NEED)
    assert "WHAT WE COULD NOT FIND" in notice.text
    known = Assessment(Status.ELIGIBLE_NOW, "Experimental.", "HSC 1370.4")
    opened = case_opened(FULL, letter_attached=True, dmhc=DMHC, assessment=known)
    assert "WHAT WE COULD NOT FIND" not in opened.text
    assert "Yes, now. Experimental." in opened.text
    # The assessment's own question is asked with the others.
    asked = case_opened(FULL, letter_attached=True, dmhc=DMHC, assessment=NEED).text
    assert "When did you file?" in asked.split("WHAT WE COULD NOT FIND", 1)[1]


def test_the_patient_email_quotes_the_plans_reasons_and_escapes_html() -> None:
    hostile = replace(FULL, reasons=("<script>alert(1)</script> not necessary",))
    notice = case_opened(hostile, letter_attached=True, dmhc=DMHC, assessment=NEED)
    assert '"<script>alert(1)</script> not necessary"' in notice.text
    assert "<script>" not in notice.html
    assert "&lt;script&gt;" in notice.html


def test_the_attached_notice_names_the_case() -> None:
    notice = message_attached(FULL, dmhc=DMHC)
    assert notice.subject == "[DW-00012] We added your email to your case"
    assert "DW-00012" in notice.text
    assert "Kaiser Permanente" in notice.html

"""The IMR supporting letter for every route, category, language and urgency, and the patient
emails that announce it."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.config import Dmhc
from denialwatch.domain.case import (
    CaseSummary,
    Step,
    imr_letter_applies,
    next_step,
    open_questions,
)
from denialwatch.domain.eligibility import Assessment, Status
from denialwatch.domain.letter import (
    HINTS,
    PARTS,
    draft_letter,
    language_of,
    literal,
    placeholder,
    placeholders,
)
from denialwatch.domain.letter_edits import fill
from denialwatch.domain.model import Category, Code, Route
from denialwatch.domain.notice import case_opened, message_attached

DMHC = Dmhc()
FULL = CaseSummary(
    case_id=12,
    insurer="Kaiser Permanente",
    member_id="000019482736",
    reference_number="UMD-2026-0311-4471",
    letter_date=date(2026, 3, 3),
    service="Lumbar spinal fusion surgery (L4-L5)",
    category=Category.MEDICAL_NECESSITY,
    route=Route.DMHC,
    urgent=False,
    reasons=(
        "It is not medically necessary under InterQual criteria.",
        "You have not completed 6 weeks of conservative care.",
        "Imaging does not show instability.",
    ),
    patient_name=None,
    criteria=("InterQual 2025, Lumbar Fusion", "Medical Policy MP-7.01.542"),
    codes=(Code("CPT", "22612"),),
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
CITATIONS = (
    "Fritzell P et al. Lumbar fusion versus nonsurgical treatment. Spine. 2001. PMID 11725230",
    "Brox JI et al. Randomized clinical trial of lumbar instrumented fusion. Spine. 2003.",
    "Mannion AF et al. Comparison of spinal fusion and nonoperative treatment. Spine J. 2013.",
)
IMR_ROUTES = [route for route in Route if imr_letter_applies(route)]
NO_IMR = [route for route in Route if not imr_letter_applies(route)]
LANGUAGES = ("en", "es")
VARIANTS = list(itertools.product(IMR_ROUTES, list(Category), LANGUAGES, (False, True)))
NEED = Assessment(Status.NEED_INFO, "Why.", "HSC 1374.30(j)(3)", question="When did you file?")


def letter(
    summary: CaseSummary,
    language: str = "en",
    *,
    citations: tuple[str, ...] = (),
    grievance_decision_date: date | None = None,
) -> str:
    text = draft_letter(
        summary,
        dmhc_mailing_address=DMHC.mailing_address,
        language=language,
        citations=citations,
        grievance_decision_date=grievance_decision_date,
    )
    assert text is not None
    return text


def variant(
    base: CaseSummary, route: Route, category: Category, *, urgent: bool = False
) -> CaseSummary:
    return replace(base, route=route, category=category, urgent=urgent)


def assert_well_formed(text: str, language: str) -> None:
    """Every placeholder is one of HINTS, with its hint in ``language``; no template debris."""
    assert "{{" not in text
    assert "{%" not in text
    assert "{#" not in text
    assert "\n\n\n" not in text
    found = placeholders(text)
    parsed = list(PARTS.finditer(text))
    assert len(parsed) == len(found) > 0
    for part in parsed:
        assert part["label"] in HINTS, part.group(0)
        assert part["hint"] == HINTS[part["label"]].said_in(language), part.group(0)
    # The letter itself is English, whatever the patient's language.
    for sentence in ("To the reviewer:", "point by point", "Sincerely,", "## Enclosures"):
        assert sentence in text


# Every variant.


@pytest.mark.parametrize(("route", "category", "language", "urgent"), VARIANTS)
def test_every_variant_renders_clean_with_known_placeholders(
    route: Route, category: Category, language: str, urgent: bool
) -> None:
    for base in (FULL, EMPTY):
        text = letter(variant(base, route, category, urgent=urgent), language)
        assert_well_formed(text, language)
        assert "None" not in text
        assert ("URGENT: expedited review requested" in text) is urgent
        assert ("## Why this is urgent" in text) is urgent
        assert ("[[URGENCY CERTIFICATION:" in text) is urgent


def test_every_hint_is_used_and_said_in_both_languages() -> None:
    used: set[str] = set()
    for route, category, language, urgent in VARIANTS:
        for base in (FULL, EMPTY):
            text = letter(variant(base, route, category, urgent=urgent), language)
            used |= {part["label"] for part in PARTS.finditer(text)}
        used |= {
            part["label"]
            for part in PARTS.finditer(
                letter(variant(FULL, route, category), language, citations=CITATIONS)
            )
        }
    assert used == set(HINTS)
    for label, hint in HINTS.items():
        assert PARTS.fullmatch(placeholder(label)), label
        assert hint.en, label
        assert hint.es, label
        assert hint.en != hint.es, label
        assert not {"[", "]", "\n"} & set(hint.en + hint.es), label


def test_hints_follow_the_patients_language_and_the_letter_stays_english() -> None:
    spanish = letter(FULL, "es")
    english = letter(FULL, "en")
    assert HINTS["YOUR CONDITION"].es in spanish
    assert HINTS["YOUR CONDITION"].en not in spanish
    assert "[[YOUR CONDITION: tu diagnóstico" in spanish
    assert HINTS["YOUR CONDITION"].en in english
    # Only the hints differ: with them removed, the two drafts are the same letter.
    assert PARTS.sub("[[]]", spanish) == PARTS.sub("[[]]", english)
    assert language_of("es-MX") == "es"
    assert language_of("ES_us") == "es"
    assert language_of("fr") == "en"
    assert letter(FULL, "es-MX") == spanish


def test_the_longest_variant_stays_within_two_pages() -> None:
    assert len(FULL.reasons) == 3
    assert len(FULL.criteria) == 2
    words = max(
        len(
            letter(variant(FULL, route, category, urgent=urgent), language, citations=CITATIONS)
            .split("## Enclosures")[0]
            .split()
        )
        for route, category, language, urgent in VARIANTS
    )
    assert words < 900


# The facts, and what is missing.


def test_the_letter_states_every_fact_found_and_answers_each_point() -> None:
    text = letter(replace(FULL, patient_name="Teresa Almonte", service_date=date(2026, 2, 20)))
    for fact in (
        "- Patient: Teresa Almonte",
        "- Health plan: Kaiser Permanente",
        "- Member ID: 000019482736",
        "- Reference number: UMD-2026-0311-4471",
        "- Date of the plan's letter: March 3, 2026",
        "- Treatment denied: Lumbar spinal fusion surgery (L4-L5)",
        "- Date of service: February 20, 2026",
        "CPT 22612",
    ):
        assert fact in text
    assert "[[YOUR FULL NAME" not in text
    for number, reason in enumerate(FULL.reasons, start=1):
        point = (
            f'{number}. The plan wrote: "{reason}"\n\n'
            f"   My answer: [[YOUR ANSWER TO REASON {number}:"
        )
        assert point in text
    for number, criterion in enumerate(FULL.criteria, start=1):
        point = (
            f'{len(FULL.reasons) + number}. The plan applied: "{criterion}"\n\n'
            f"   How my case meets it: [[HOW YOUR CASE MEETS CRITERION {number}:"
        )
        assert point in text
    assert "IMR Unit  \nHelp Center  \nDepartment of Managed Health Care" in text
    assert "980 Ninth Street, Suite 500  \nSacramento, CA 95814-2725" in text
    assert "A copy of Kaiser Permanente's denial letter dated March 3, 2026" in text


def test_missing_facts_become_placeholders_not_blanks() -> None:
    text = letter(EMPTY)
    for label in (
        "YOUR FULL NAME",
        "NAME OF YOUR HEALTH PLAN",
        "MEMBER ID",
        "DATE ON THE DENIAL LETTER",
        "TREATMENT DENIED",
        "COPY THE PLAN'S REASON",
        "YOUR ANSWER TO REASON 1",
        "GRIEVANCE DECISION",
    ):
        assert f"[[{label}:" in text
    assert "Reference number" not in text
    assert "Date of service" not in text
    assert "Codes" not in text
    assert "How my case meets it" not in text
    assert "my health plan's decision" in text


def test_the_grievance_decision_is_dated_when_known() -> None:
    text = letter(FULL, grievance_decision_date=date(2026, 4, 17))
    assert "- Date of the plan's grievance decision: April 17, 2026" in text
    assert "A copy of Kaiser Permanente's grievance decision dated April 17, 2026" in text
    assert "[[GRIEVANCE DECISION" not in text
    medi_cal = letter(
        replace(FULL, route=Route.MEDI_CAL), grievance_decision_date=date(2026, 4, 17)
    )
    assert "Notice of Appeal Resolution dated April 17, 2026" in medi_cal


def test_citations_are_listed_for_the_doctor_to_keep_or_drop() -> None:
    text = letter(FULL, citations=CITATIONS)
    assert "[[SUGGESTED REFERENCES:" in text
    assert "[[EVIDENCE:" not in text
    for citation in CITATIONS:
        assert f"- {citation}\n" in text
    assert "[[EVIDENCE:" in letter(FULL)


# Each category.


def test_medical_necessity_asks_for_the_patients_own_needs() -> None:
    text = letter(FULL)
    assert "Request for an Independent Medical Review: medical necessity" in text
    assert "[[WHY THIS TREATMENT:" in text
    assert "[[WHAT YOU HAVE TRIED:" in text
    assert "Health and Safety Code section 1374.33(b)" in text
    # An unread category gets the same letter: DMHC decides the type of review.
    assert letter(replace(FULL, category=Category.UNKNOWN)) == text


@pytest.mark.parametrize("route", [Route.DMHC, Route.MEDI_CAL, Route.UNKNOWN])
def test_experimental_sets_out_the_physician_certification(route: Route) -> None:
    text = letter(variant(FULL, route, Category.EXPERIMENTAL))
    assert "Health and Safety Code section 1370.4" in text
    assert "life-threatening or seriously debilitating" in text
    assert "have not been effective for me, are not medically appropriate for me" in text
    assert "no covered standard therapy is more beneficial" in text
    assert "two documents from the medical and scientific evidence" in text
    assert "statement of the evidence relied upon" in text
    for label in ("CERTIFYING DOCTOR", "STANDARD THERAPIES", "EVIDENCE RELIED ON"):
        assert f"[[{label}:" in text
    assert "- [[PHYSICIAN CERTIFICATION:" in text.split("## Enclosures")[1]
    assert "without first going through the plan's grievance process" in text
    assert "[[GRIEVANCE DECISION" not in text  # no grievance needed, so none to enclose
    urgent = letter(variant(FULL, route, Category.EXPERIMENTAL, urgent=True))
    assert "significantly less effective if not promptly initiated" in urgent
    assert "1370.4(c)(2)" in urgent


def test_a_cdi_experimental_letter_cites_the_insurance_code() -> None:
    text = letter(variant(FULL, Route.CDI, Category.EXPERIMENTAL))
    assert "Insurance Code section 10145.3" in text
    assert "two documents from the medical and scientific evidence" in text
    assert "grievance process" not in text  # not confirmed for CDI


def test_emergency_payment_asks_for_the_date_of_care_and_the_reasonable_person() -> None:
    text = letter(replace(FULL, category=Category.EMERGENCY_PAYMENT))
    assert "not to pay for the emergency or urgent care I received on [[DATE OF THE EMERGENCY" in (
        text
    )
    assert "Health and Safety Code section 1374.30(j)(1)(B)" in text
    assert "A reasonable person with my symptoms" in text
    for label in ("TREATING PROVIDER", "WHY YOU BELIEVED IT WAS AN EMERGENCY", "BILLS"):
        assert f"[[{label}:" in text
    dated = letter(
        replace(FULL, category=Category.EMERGENCY_PAYMENT, service_date=date(2026, 2, 20))
    )
    assert "I received on February 20, 2026 (Lumbar spinal fusion" in dated
    assert "[[DATE OF THE EMERGENCY CARE" not in dated


def test_not_covered_lets_the_department_decide_between_imr_and_complaint() -> None:
    text = letter(replace(FULL, category=Category.NOT_COVERED))
    assert "Request for review of a coverage denial" in text
    assert "Health and Safety Code section 1374.30(d)" in text
    assert "Health and Safety Code section 1368(a)(5)" in text
    assert "[[WHY IT IS COVERED:" in text


def test_administrative_says_what_went_wrong() -> None:
    text = letter(replace(FULL, category=Category.ADMINISTRATIVE))
    assert "for an administrative reason" in text
    assert "[[WHAT WENT WRONG:" in text
    assert "Health and Safety Code section 1374.30(d)" in text


def test_pharmacy_cites_the_exception_rules_where_they_apply() -> None:
    text = letter(replace(FULL, category=Category.PHARMACY))
    assert "Health and Safety Code section 1367.206(b)" in text
    assert "Health and Safety Code section 1367.241(b)" in text
    for label in ("WHY THIS MEDICINE", "WHY NOT THE ALTERNATIVES", "EXCEPTION REQUEST"):
        assert f"[[{label}:" in text
    # HSC 1367.241 does not apply to Medi-Cal contracts (research D2).
    medi_cal = letter(variant(FULL, Route.MEDI_CAL, Category.PHARMACY))
    assert "1367.241" not in medi_cal
    assert "1367.206" not in medi_cal


def test_urgent_says_why_it_is_urgent() -> None:
    text = letter(replace(FULL, urgent=True))
    assert "**Re: Request for an Independent Medical Review: medical necessity. URGENT" in text
    assert "I ask for an expedited review. [[WHY IT IS URGENT:" in text
    assert "imminent and serious threat to my health" in text
    assert "URGENT" not in letter(FULL)


# Each route.


def test_medi_cal_notes_the_state_hearing() -> None:
    text = letter(replace(FULL, route=Route.MEDI_CAL))
    assert "I have not asked for a State Hearing about this decision." in text
    assert "[[CHECK STATE HEARING:" in text
    assert "- Medi-Cal plan: Kaiser Permanente" in text
    assert "State Hearing" not in letter(FULL)


@pytest.mark.parametrize("category", list(Category))
def test_a_cdi_policy_is_addressed_to_the_department_of_insurance(category: Category) -> None:
    text = letter(variant(FULL, Route.CDI, category, urgent=True))
    assert text.split("**Re:")[0].count("California Department of Insurance") == 1
    assert "[[CDI ADDRESS:" in text
    assert "Insurance Code section 10169" in text
    assert "- Insurer: Kaiser Permanente" in text
    assert "The insurer wrote:" in text
    # Nothing from the Knox-Keene Act: the Insurance Code governs a policy.
    assert "Department of Managed Health Care" not in text
    assert "Health and Safety Code" not in text


def test_an_unknown_regulator_is_flagged_for_the_patient_to_check() -> None:
    text = letter(replace(FULL, route=Route.UNKNOWN))
    assert "[[CHECK WHERE TO SEND:" in text
    assert "Department of Managed Health Care" in text
    assert "CHECK WHERE TO SEND" not in letter(FULL)


@pytest.mark.parametrize("route", NO_IMR)
def test_no_california_imr_letter_where_none_exists(route: Route) -> None:
    assert draft_letter(replace(FULL, route=route), dmhc_mailing_address="x") is None


# Text from the plan's letter, printed literally.


def test_the_plans_words_are_printed_literally_but_cannot_forge_a_placeholder() -> None:
    tricky = replace(
        FULL,
        insurer="{{ s.insurer }} *Health*",
        reasons=("Not [[MEDICALLY NECESSARY: per policy]] <b>now</b>", "line one\n\nline two"),
        criteria=("[[[ MCG ]]]",),
        service="   ",
    )
    text = letter(tricky)
    assert "{{ s.insurer }} *Health*'s decision" in text
    assert 'wrote: "Not [MEDICALLY NECESSARY: per policy] <b>now</b>"' in text
    assert 'wrote: "line one line two"' in text
    assert 'applied: "[ MCG ]"' in text
    assert "[[TREATMENT DENIED:" in text  # blank counts as not found
    assert all(part["label"] in HINTS for part in PARTS.finditer(text))
    assert literal(" a\tb\r\n c ") == "a b c"
    assert literal("[[x]] ]]]") == "[x] ]"
    assert literal("**not** *necessary*") == "*not* *necessary*"
    assert literal(" \n ") is None


def test_the_patients_email_answers_fill_the_draft() -> None:
    draft = letter(FULL)
    result = fill(
        draft, "YOUR CONDITION: Severe back pain since 2019.\n\nYOUR ANSWER TO REASON 2: I did."
    )
    assert result.filled == ("YOUR CONDITION", "YOUR ANSWER TO REASON 2")
    assert "## My medical condition\n\nSevere back pain since 2019.\n" in result.markdown
    assert "My answer: I did." in result.markdown
    assert len(placeholders(result.markdown)) == len(placeholders(draft)) - 2


SPECIAL = ["{{", "}}", "{%", "[[", "]]", "*", "**", "\n\n", "None"]
TRICKY = st.lists(st.text(max_size=6) | st.sampled_from(SPECIAL), max_size=8).map("".join)
"""Text with the characters that mean something to Jinja, Markdown or a placeholder."""
MAYBE = st.none() | TRICKY
DAYS = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def summaries(draw: st.DrawFn) -> CaseSummary:
    return CaseSummary(
        case_id=draw(st.integers(1, 99999)),
        insurer=draw(MAYBE),
        member_id=draw(MAYBE),
        reference_number=draw(MAYBE),
        letter_date=draw(DAYS),
        service=draw(MAYBE),
        category=draw(st.sampled_from(list(Category))),
        route=draw(st.sampled_from(IMR_ROUTES)),
        urgent=draw(st.booleans()),
        reasons=tuple(draw(st.lists(TRICKY, max_size=4))),
        patient_name=draw(MAYBE),
        criteria=tuple(draw(st.lists(TRICKY, max_size=3))),
        service_date=draw(DAYS),
        codes=tuple(Code(s, c) for s, c in draw(st.lists(st.tuples(TRICKY, TRICKY), max_size=2))),
    )


@settings(max_examples=300, deadline=None)
@given(
    summary=summaries(),
    language=st.sampled_from(LANGUAGES),
    citations=st.lists(TRICKY, max_size=3),
    grievance=DAYS,
)
def test_any_summary_renders_with_only_real_placeholders(
    summary: CaseSummary, language: str, citations: list[str], grievance: date | None
) -> None:
    text = letter(summary, language, citations=tuple(citations), grievance_decision_date=grievance)
    assert "\n\n\n" not in text
    for part in PARTS.finditer(text):
        assert part["label"] in HINTS
        assert part["hint"] == HINTS[part["label"]].said_in(language)
    assert len(list(PARTS.finditer(text))) == len(placeholders(text))
    reasons = [r for r in map(literal, summary.reasons) if r]
    for number, reason in enumerate(reasons, start=1):
        assert (
            f'{number}. The {"insurer" if summary.route is Route.CDI else "plan"} wrote: "{reason}"'
            in text
        )
    for value in (summary.insurer, summary.member_id, summary.service, *citations):
        shown = literal(value)
        if shown:
            assert shown in text


# The patient emails that carry the draft.


@pytest.mark.parametrize(
    ("route", "category"), list(itertools.product(list(Route), list(Category)))
)
def test_the_case_opened_email_mentions_the_draft_when_there_is_one(
    route: Route, category: Category
) -> None:
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

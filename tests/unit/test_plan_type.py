"""Plan type: the vocabulary, labels beat mentions, traps (DMHC's phone, EPO the drug), the
quote invariant."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import plan_type
from denialwatch.domain.extract import LABELLED
from denialwatch.domain.plan_type import PRECEDENCE, RULES, PlanType, find_plan_type
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page
from tests.unit.denial_letters import LETTERS


def page(text: str, number: int | None = 1) -> list[Page]:
    return [Page("letter.pdf" if number else "email", number, text)]


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Plan: Blue Shield Trio HMO", PlanType.HMO, LABELLED),
        ("Plan type: PPO", PlanType.PPO, LABELLED),
        ("Policy: Anthem PPO Select 1500 (individual policy)", PlanType.PPO, LABELLED),
        ("Product: Health Net CommunityCare HMO", PlanType.HMO, LABELLED),
        ("Tipo de plan: Medi-Cal", PlanType.MEDI_CAL, LABELLED),
        (
            "Kaiser Permanente Senior Advantage, a Medicare Advantage plan",
            PlanType.MEDICARE_ADVANTAGE,
            0.7,
        ),
        ("SCAN Health Plan\nA Medicare Advantage Organization\n", PlanType.MEDICARE_ADVANTAGE, 0.7),
        ("Notice of Denial of Medical Coverage (or Payment)", PlanType.MEDICARE_ADVANTAGE, 0.7),
        ("your Medicare Part D plan", PlanType.MEDICARE_PART_D, 0.7),
        ("L.A. Care Health Plan\nMedi-Cal Plan\n", PlanType.MEDI_CAL, 0.7),
        ("IEHP - Plan de Medi-Cal", PlanType.MEDI_CAL, 0.7),
        ("It does not meet Medi-Cal medical necessity criteria.", PlanType.MEDI_CAL, 0.6),
        ("The Plan is self-funded: your employer pays the benefits.", PlanType.SELF_FUNDED, 0.7),
        ("Aetna administers your employer's self-insured plan.", PlanType.SELF_FUNDED, 0.7),
        ("Your Exclusive Provider Organization (EPO) plan", PlanType.EPO, 0.7),
        ("as a member of our EPO network", PlanType.EPO, 0.7),
        ("Cigna Open Access Plus point-of-service plan", PlanType.POS, 0.7),
        ("a high deductible health plan with an HSA", PlanType.HDHP, 0.7),
        ("your individual and family plan", PlanType.INDIVIDUAL_FAMILY, 0.7),
        ("Molina Marketplace (Covered California)", PlanType.COVERED_CALIFORNIA, 0.7),
        ("Members of our HMO must use plan providers.", PlanType.HMO, 0.7),
        ("Kaiser Permanente HMO", PlanType.HMO, 0.6),
    ],
)
def test_plan_types(text: str, expected: PlanType, confidence: float) -> None:
    found = find_plan_type(page(f"Dear Member,\n{text}\nThank you."))

    assert found is not None
    assert found.value == expected
    assert found.confidence == confidence
    assert expected in plan_type.plan_types_named_in(found.quote)


@pytest.mark.parametrize(
    "text",
    [
        "call the department at 1-888-HMO-2219 or visit http://www.hmohelp.ca.gov",
        "Epoetin alfa (EPO) 10,000 units weekly is not medically necessary.",
        "Your pharmacy's POS claim was rejected.",
        "If you have Medi-Cal, you may also ask for a State Hearing.",
        "This plan is not self-funded.",
        "Your individual plan of care was reviewed.",
        "Medi-Cal Rx covers your prescriptions.",
        "Dear Member, we reviewed your request.",
    ],
)
def test_plan_type_is_not_guessed(text: str) -> None:
    assert find_plan_type(page(text)) is None


def test_a_label_beats_a_mention_and_medicare_beats_medi_cal() -> None:
    text = (
        "SCAN Health Plan, a Medicare Medi-Cal Plan\n"
        "We reviewed your Medi-Cal benefits too.\n"
        "Plan: SCAN Classic (HMO)\n"
    )
    found = find_plan_type(page(text))

    assert found is not None
    assert (found.value, found.confidence) == (PlanType.HMO, LABELLED)
    assert found.quote == "Plan: SCAN Classic (HMO)"
    without_label = find_plan_type(page(text.rsplit("Plan:", 1)[0]))
    assert without_label is not None
    assert without_label.value == PlanType.MEDICARE_ADVANTAGE


def test_a_medicare_advantage_plan_with_drug_coverage_is_medicare_advantage() -> None:
    text = "A Medicare Advantage plan with Part D prescription drug coverage\n"

    found = find_plan_type(page(text))

    assert found is not None
    assert found.value == PlanType.MEDICARE_ADVANTAGE


def test_the_letter_beats_the_email() -> None:
    email = Page("email", None, "My Kaiser PPO plan denied this, help!")
    letter = Page("letter.pdf", 1, "Blue Shield of California\nPlan: Trio HMO\n")

    found = find_plan_type([letter, email])

    assert found is not None
    assert (found.value, found.document) == (PlanType.HMO, "letter.pdf")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("la_care", PlanType.MEDI_CAL),
        ("medicare", PlanType.MEDICARE_ADVANTAGE),
        ("erisa", PlanType.SELF_FUNDED),
        ("kaiser", None),
    ],
)
def test_sample_letters(name: str, expected: PlanType | None) -> None:
    found = find_plan_type(page(LETTERS[name]))

    assert (found.value if found else None) == expected


def test_every_type_has_a_rule_and_a_place_in_the_precedence() -> None:
    assert {rule.plan_type for rule in RULES} == set(PlanType) == set(PRECEDENCE)
    assert len(PRECEDENCE) == len(set(PRECEDENCE))


_WORDS = [
    "Plan: ",
    "Policy: ",
    "HMO",
    "PPO",
    " plan",
    "EPO",
    "Medi-Cal",
    "Medicare Advantage",
    "Part D",
    "self-funded",
    "not ",
    "If ",
    "Covered California",
    "\n",
    ". ",
    "(",
    ")",
    "1-888-HMO-2219",
]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=15)), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_value_is_named_by_its_quote(text: str) -> None:
    found = find_plan_type(page(text))

    if found is not None:
        assert found.quote in text
        assert found.quote == found.quote.strip()
        assert len(found.quote) <= MAX_QUOTE_CHARS
        assert found.value in set(PlanType)
        assert found.value in plan_type.plan_types_named_in(found.quote)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = ("HMO PPO plan Medi-Cal If self-funded Plan: " + "x" * 40 + "\n") * 12_000
    pages = [Page("junk.pdf", n, text) for n, text in enumerate((junk, " " * 10**6), start=1)]

    started = time.perf_counter()
    find_plan_type(pages)

    assert time.perf_counter() - started < 20

"""Criteria: each kind with the name as printed, applied or only mentioned, the traps
(Hayes the surname, MCG the microgram), one name per criterion, the quote invariant."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain.criteria import MAX_CRITERIA, RULES, find_criteria
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page, normalise_space
from tests.unit.denial_letters import ANTHEM_CDI, KAISER_MEDICAL_NECESSITY, LA_CARE_NOTICE_OF_ACTION


def page(text: str) -> list[Page]:
    return [Page("letter.pdf", 1, text)]


def names(text: str) -> list[str]:
    return [f.value for f in find_criteria(page(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We denied this request because it is not medically necessary, as required by the "
            "InterQual 2026 Procedures criteria, Spine Surgery: Lumbar Fusion.",
            "InterQual 2026 Procedures criteria, Spine Surgery: Lumbar Fusion",
        ),
        (
            "The stay was reviewed using InterQual® Level of Care Criteria 2025, Acute Adult "
            "subset.",
            "InterQual® Level of Care Criteria 2025, Acute Adult subset",
        ),
        (
            "The request does not meet MCG criteria for skilled nursing facility level of care: "
            "your records show that you walk 150 feet.",
            "MCG criteria for skilled nursing facility level of care",
        ),
        (
            "This decision was made using the MCG Ambulatory Care guideline Polysomnography, "
            "Attended (A-0145).",
            "MCG Ambulatory Care guideline Polysomnography, Attended (A-0145)",
        ),
        ("Guideline used: MCG A-0355 (ISC).", "MCG A-0355 (ISC)"),
        (
            "We applied Milliman Care Guidelines 26th Edition to your stay.",
            "Milliman Care Guidelines 26th Edition",
        ),
        (
            "Our decision is based on Blue Shield of California Medical Policy 8.01.10, "
            "Charged-Particle (Proton) Radiotherapy.",
            "Blue Shield of California Medical Policy 8.01.10, Charged-Particle (Proton) "
            "Radiotherapy",
        ),
        (
            "as required by Aetna Clinical Policy Bulletin 0157, Obesity Surgery.",
            "Aetna Clinical Policy Bulletin 0157, Obesity Surgery",
        ),
        (
            "Per Cigna Coverage Policy Number 0504, the test is not covered.",
            "Cigna Coverage Policy Number 0504",
        ),
        (
            "Anthem reviewed it under Clinical UM Guideline CG-MED-59 and denied it.",
            "Clinical UM Guideline CG-MED-59",
        ),
        (
            "Based on our Medical Policy: Proton Beam Radiation Therapy, it is not covered.",
            "Medical Policy: Proton Beam Radiation Therapy",
        ),
        (
            "**Reference:** Oscar Approved Criteria: Cromolyn Sodium 100mg/5mL Solution",
            "Oscar Approved Criteria: Cromolyn Sodium 100mg/5mL Solution",
        ),
        (
            "Cosmetic surgery is excluded under Section 4.2 (Exclusions) of your Evidence of "
            "Coverage.",
            "Section 4.2 (Exclusions) of your Evidence of Coverage",
        ),
        (
            'Your 2026 Evidence of Coverage (EOC), Section 6, "Exclusions and Limitations" '
            "excludes it.",
            'Evidence of Coverage (EOC), Section 6, "Exclusions and Limitations"',
        ),
        (
            "We based this decision on Medicare coverage rules in the Medicare Benefit Policy "
            "Manual, Chapter 1, Section 110.",
            "Medicare Benefit Policy Manual, Chapter 1, Section 110",
        ),
        (
            "This decision was based on Title 22, California Code of Regulations, Section 51303 "
            "(medical necessity).",
            "Title 22, California Code of Regulations, Section 51303 (medical necessity)",
        ),
        (
            "Según las pautas clínicas de MCG para la resonancia magnética de la rodilla, no "
            "es necesario.",
            "pautas clínicas de MCG para la resonancia magnética de la rodilla",
        ),
        (
            "Based on the Hayes Technology Assessment for Proton Beam Therapy, the evidence is "
            "insufficient.",
            "Hayes Technology Assessment for Proton Beam Therapy",
        ),
        (
            "The NCCN Clinical Practice Guidelines in Oncology for Prostate Cancer do not "
            "recommend it, category 3.",
            "NCCN Clinical Practice Guidelines in Oncology for Prostate Cancer",
        ),
        (
            "Rationale: the MTUS ACOEM Low Back Disorders Guideline supports injections only "
            "with radiculopathy.",
            "MTUS ACOEM Low Back Disorders Guideline",
        ),
    ],
)
def test_criteria_named_as_printed(text: str, expected: str) -> None:
    (found,) = find_criteria(page(f"Dear Member,\n\n{text}\n\nSincerely,"))

    assert found.value == expected
    assert found.confidence == LABELLED
    assert expected in normalise_space(found.quote)


def test_a_criterion_only_mentioned_is_less_sure() -> None:
    text = "You may ask for a free copy of Clinical Policy Bulletin 0157 at any time."

    (found,) = find_criteria(page(text))

    assert (found.value, found.confidence) == ("Clinical Policy Bulletin 0157", GENERIC_LABEL)


@pytest.mark.parametrize(
    "text",
    [
        "Darnell Hayes asked for a wheelchair.",
        "Dear Ms. Hayes, we reviewed your request.",
        "LEVOTHYROXINE 100 MCG TAB is on the formulary.",
        "Your doctor may send the NCCN Guidelines with your appeal.",
        "We reviewed our medical policy and your records.",
        "Please read your Evidence of Coverage.",
        "The department's Internet Web site has complaint forms.",
    ],
)
def test_what_is_not_a_criterion(text: str) -> None:
    assert names(text) == []


def test_one_name_per_criterion_the_fullest_kept() -> None:
    text = (
        "The request does not meet MCG criteria for skilled nursing facility level of care.\n"
        "We reviewed it using MCG Care Guidelines, Skilled Nursing Facility Admission.\n"
        "You may ask for a copy of Clinical Policy Bulletin 0157.\n"
        "as required by Aetna Clinical Policy Bulletin 0157, Obesity Surgery.\n"
        "It also did not meet MCG A-0355 or MCG A-0145.\n"
    )

    assert names(text) == [
        "MCG Care Guidelines, Skilled Nursing Facility Admission",
        "Aetna Clinical Policy Bulletin 0157, Obesity Surgery",
        "MCG A-0355",
        "MCG A-0145",
    ]


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        (KAISER_MEDICAL_NECESSITY, ["InterQual criteria for advanced imaging of the lumbar spine"]),
        (ANTHEM_CDI, ["MCG criteria for acute inpatient rehabilitation"]),
        (LA_CARE_NOTICE_OF_ACTION, ["Title 22, California Code of Regulations, Section 51321"]),
    ],
)
def test_sample_letters(letter: str, expected: list[str]) -> None:
    assert names(letter) == expected


def test_at_most_max_criteria() -> None:
    text = " ".join(f"It does not meet MCG A-{n:04d}." for n in range(1000, 1020))

    assert len(find_criteria(page(text))) == MAX_CRITERIA


def test_every_rule_has_a_name() -> None:
    assert len({rule.name for rule in RULES}) == len(RULES)


_WORDS = [
    "InterQual ",
    "MCG ",
    "Milliman Care Guidelines",
    "Medical Policy ",
    "Clinical Policy Bulletin ",
    "8.01.10",
    "0157",
    "A-0355",
    ", ",
    ": ",
    "criteria ",
    "for ",
    "Lumbar Fusion",
    "Section 4.2 of your Evidence of Coverage",
    "Hayes Technology Assessment ",
    "NCCN Guidelines ",
    "based on ",
    "does not meet ",
    "\n",
    ". ",
    "(",
    ")",
]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=10)), max_size=40).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_each_name_is_printed_in_its_quote(text: str) -> None:
    findings = find_criteria(page(text))

    assert len(findings) <= MAX_CRITERIA
    for found in findings:
        assert found.quote in text
        assert len(found.quote) <= MAX_QUOTE_CHARS
        assert found.value
        assert found.value == normalise_space(found.value)
        assert found.value in normalise_space(found.quote)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = ("InterQual MCG Medical Policy 1.2 Section 1 of your EOC Blue Shield " * 20 + "\n") * 800
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, "A " * 500_000), start=1)]

    started = time.perf_counter()
    find_criteria(pages)

    assert time.perf_counter() - started < 20

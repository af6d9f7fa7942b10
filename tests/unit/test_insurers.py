"""Which plan sent the letter: the table's patterns and the choice among several names."""

from __future__ import annotations

import re

import pytest

from denialwatch.domain.insurers import INSURERS, find_insurer, insurers_named_in
from denialwatch.domain.quote import Page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kaiser Foundation Health Plan, Inc.", "Kaiser Permanente"),
        ("visit kp.org/appeals", "Kaiser Permanente"),
        ("Blue Shield of California Promise Health Plan", "Blue Shield of California"),
        ("www.blueshieldca.com", "Blue Shield of California"),
        ("Anthem Blue Cross Life and Health Insurance Company", "Anthem Blue Cross"),
        ("Blue Cross of California", "Anthem Blue Cross"),
        ("Blue Cross Blue Shield of Texas", "Blue Cross Blue Shield (out of state)"),
        ("Health Net of California, Inc.", "Health Net"),
        ("Molina Healthcare of California", "Molina Healthcare"),
        ("L.A. Care Health Plan", "L.A. Care Health Plan"),
        ("Inland Empire Health Plan", "Inland Empire Health Plan"),
        ("IEHP DualChoice", "Inland Empire Health Plan"),
        ("CalOptima Health", "CalOptima Health"),
        ("Sharp Health Plan", "Sharp Health Plan"),
        ("Western Health Advantage", "Western Health Advantage"),
        ("Cigna Health Management, Inc., on behalf of [REDACTED]", "Cigna"),
        ("Aetna Life Insurance Company", "Aetna"),
        ("UnitedHealthcare of California", "UnitedHealthcare"),
        ("Oscar Health Plan of California", "Oscar Health"),
        ("Reference: Oscar Approved Criteria: Cromolyn", "Oscar Health"),
        ("Valley Health Plan", "Valley Health Plan"),
        ("Partnership HealthPlan of California", "Partnership HealthPlan of California"),
        ("Central California Alliance for Health", "Central California Alliance for Health"),
        ("Health Plan of San Joaquin", "Health Plan of San Joaquin"),
        ("SCAN Health Plan", "SCAN Health Plan"),
        ("Alameda Alliance for Health", "Alameda Alliance for Health"),
        ("Santa Clara Family Health Plan", "Santa Clara Family Health Plan"),
        ("Chinese Community Health Plan", "Chinese Community Health Plan"),
        ("CenCal Health", "CenCal Health"),
        ("Gold Coast Health Plan", "Gold Coast Health Plan"),
        ("Kern Family Health Care", "Kern Health Systems"),
        ("CalViva Health", "CalViva Health"),
        ("San Francisco Health Plan", "San Francisco Health Plan"),
        ("Health Plan of San Mateo", "Health Plan of San Mateo"),
        ("Contra Costa Health Plan", "Contra Costa Health Plan"),
        ("Community Health Group", "Community Health Group"),
        ("Sutter Health Plus", "Sutter Health Plus"),
        ("Alignment Health Plan", "Alignment Health Plan"),
        ("Humana Gold Plus", "Humana"),
        ("Delta Dental of California", "Delta Dental"),
        ("CVS Caremark", "CVS Caremark"),
        ("Express Scripts", "Express Scripts"),
        ("OptumRx", "OptumRx"),
        ("Carelon Medical Benefits Management", "Carelon"),
        ("eviCore healthcare", "eviCore"),
    ],
)
def test_each_insurer_is_named(text: str, expected: str) -> None:
    assert insurers_named_in(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "a sharp pain in the left knee",
        "an MRI scan of the knee and a scan of the hip",
        "Dr. Oscar Lopez reviewed the request",
        "la care del paciente",  # Spanish words, not L.A. Care
        "Medical records from Valley Medical Center",
        "the alliance of patients",
        "an uninsured member",
    ],
)
def test_ordinary_words_name_no_insurer(text: str) -> None:
    assert insurers_named_in(text) == ()


def test_the_table_is_well_formed() -> None:
    names = [insurer.name for insurer in INSURERS]

    assert len(names) == len(set(names))
    for insurer in INSURERS:
        assert insurer.patterns
        assert isinstance(insurer.regex, re.Pattern)


def _pages(*texts: str) -> list[Page]:
    return [Page("letter.pdf", n, text) for n, text in enumerate(texts, start=1)]


def test_the_most_mentioned_plan_wins_over_a_passing_mention() -> None:
    letter = _pages(
        "Dear Member,\nWe compared our policy with Anthem's.\n",
        "Blue Shield of California\nBlue Shield of California reviewed your request.",
    )

    found = find_insurer([letter])

    assert found is not None
    assert found.value == "Blue Shield of California"
    assert found.page == 2
    assert found.confidence == 0.8


def test_a_plan_beats_the_vendor_that_signed_for_it() -> None:
    letter = _pages("CVS Caremark\nCVS Caremark reviewed this request on behalf of Aetna.")

    found = find_insurer([letter])

    assert found is not None
    assert found.value == "Aetna"


def test_a_vendor_alone_is_named_with_low_confidence() -> None:
    found = find_insurer([_pages("OptumRx prior authorization department")])

    assert found is not None
    assert (found.value, found.confidence) == ("OptumRx", 0.5)


def test_the_first_source_that_names_one_is_used() -> None:
    letter = _pages("Page 1 of the letter", "Health Net reviewed the claim.")
    email = [Page("email", None, "Kaiser Permanente member services")]

    found = find_insurer([letter, email])

    assert found is not None
    assert (found.value, found.document, found.page) == ("Health Net", "letter.pdf", 2)
    assert found.confidence == 0.6, "one mention, not in the letterhead"


def test_no_insurer() -> None:
    assert find_insurer([_pages("Dear Member, we reviewed your request.")]) is None


def test_an_insurer_the_table_does_not_know_is_read_from_its_label() -> None:
    # A workers' compensation carrier, named only in the claim block.
    letter = _pages(
        "Summit Claims Administrators\nUtilization Review Department\n"
        "Claim number: WC-2026-031877\nEmployer: Central Valley Packing Co.\n"
        "Insurer: Pacific Crest Casualty Insurance Company\nDate of injury: January 14, 2026\n"
    )

    found = find_insurer([letter])

    assert found is not None
    assert (found.value, found.confidence) == ("Pacific Crest Casualty Insurance Company", 0.6)
    assert found.quote == "Insurer: Pacific Crest Casualty Insurance Company"


def test_a_known_insurer_anywhere_beats_a_label() -> None:
    letter = _pages("Health plan: Northbay Community Health\nWe are a Health Net partner.")
    email = [Page("email", None, "Insurer: Someone Else Mutual")]

    found = find_insurer([email, letter])

    assert found is not None
    assert found.value == "Health Net"


def test_a_label_needs_a_name() -> None:
    assert find_insurer([_pages("Health plan: see the back of your card")]) is None

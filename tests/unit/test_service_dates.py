"""The date of service: labels, ranges, claim tables, phrases, never the letter's date, and
the quote invariant."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain.dates import find_dates
from denialwatch.domain.extract import GENERIC_LABEL, LABELLED, PHRASE, find_letter_date
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page
from denialwatch.domain.service_dates import find_service_date
from tests.unit.denial_letters import ANTHEM_CDI


def page(text: str) -> list[Page]:
    return [Page("letter.pdf", 1, text)]


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Date of service: 02/10/2026", date(2026, 2, 10), LABELLED),
        ("Service date: March 2, 2026", date(2026, 3, 2), LABELLED),
        ("DOS 03/02/2026", date(2026, 3, 2), LABELLED),
        ("Date of Service (DOS): 03/02/2026", date(2026, 3, 2), LABELLED),
        ("Dates of service: 03/02/2026 - 03/05/2026", date(2026, 3, 2), LABELLED),
        ("Expected dates of service: May. 20, 2026 - May. 20, 2026", date(2026, 5, 20), 0.9),
        ("Date of service requested: 12/30/2025", date(2025, 12, 30), LABELLED),
        ("Fecha de servicio: 2 de marzo de 2026", date(2026, 3, 2), LABELLED),
        ("Date of service\n04/02/2026", date(2026, 4, 2), LABELLED),
        ("Admission date: 05/18/2026", date(2026, 5, 18), GENERIC_LABEL),
        ("for your visit on July 2, 2026. We will not pay.", date(2026, 7, 2), PHRASE),
        (
            "Your claim for the sleep study (polysomnography, CPT 95810) on 05/14/2026 has been "
            "denied.",
            date(2026, 5, 14),
            PHRASE,
        ),
        (
            "We received claim [REDACTED] for services received between 11/03/2021 - 11/03/2021",
            date(2021, 11, 3),
            PHRASE,
        ),
    ],
)
def test_service_date(text: str, expected: date, confidence: float) -> None:
    letter = f"Kaiser Permanente\n\nJanuary 12, 2026\n\nMember ID: 1234567\n{text}\n"

    found = find_service_date(page(letter))

    assert found is not None
    assert (found.value, found.confidence) == (expected, confidence)
    assert expected in [value for value, _, _ in find_dates(found.quote)]


def test_a_range_quotes_both_days_and_gives_the_first() -> None:
    found = find_service_date(page("Dates of service: 03/02/2026 - 03/05/2026"))

    assert found is not None
    assert found.value == date(2026, 3, 2)
    assert found.quote == "Dates of service: 03/02/2026 - 03/05/2026"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "| Claim Reference | Date(s) of Service | Claim Total Charge |\n"
            "|-----------------|--------------------|--------------------|\n"
            "| [REDACTED] | 11/03/2021 - 11/03/2021 | $1,126.00 |\n",
            date(2021, 11, 3),
        ),
        (
            "Received 04/01/2026\n\n"
            "Claim        Service date    Billed     Paid\n"
            "EA1234       04/02/2026      $250.00    $0.00\n",
            date(2026, 4, 2),
        ),
    ],
)
def test_service_date_in_a_claim_table(table: str, expected: date) -> None:
    found = find_service_date(page(table))

    assert found is not None
    assert (found.value, found.confidence) == (expected, GENERIC_LABEL)


@pytest.mark.parametrize(
    "text",
    [
        "Date: 03/04/2026\nDate of birth: 01/02/1960\nWe received your request on 02/02/2026.",
        "Kaiser Permanente\n\nMarch 11, 2026\n\nDear Ana,",
        "Date of service: see the attached claim   Letter date: 03/05/2026",
        "We got a request from Dr. Kim on April 21, 2026.",
    ],
)
def test_the_service_date_is_never_the_letter_date(text: str) -> None:
    assert find_service_date(page(text)) is None


def test_service_date_of_the_sample_letters() -> None:
    found = find_service_date(page(ANTHEM_CDI))
    letter_date = find_letter_date(page(ANTHEM_CDI))

    assert found is not None
    assert letter_date is not None
    assert (found.value, letter_date.value) == (date(2026, 2, 10), date(2026, 3, 2))


def test_the_letter_beats_the_email() -> None:
    email = Page("email", None, "Date of service: 01/05/2026 (I think)")
    letter = Page("letter.pdf", 1, "Claim Number: 12345\nDate of service: 02/10/2026")

    found = find_service_date([letter, email])

    assert found is not None
    assert (found.value, found.document) == (date(2026, 2, 10), "letter.pdf")


_LABELS = [
    "Date of service: ",
    "Dates of service: ",
    "Date(s) of Service",
    "DOS ",
    "Service date",
    "your visit on ",
    "services received between ",
    "Date: ",
    " | ",
    "   ",
    "\n",
    "January 5, 2026",
    "1/5/26",
    "03/02/2026 - 03/05/2026",
]
_texts = st.lists(st.one_of(st.sampled_from(_LABELS), st.text(max_size=15)), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_date_is_read_from_its_quote(text: str) -> None:
    found = find_service_date(page(text))

    if found is not None:
        assert found.quote in text
        assert len(found.quote) <= MAX_QUOTE_CHARS
        assert found.value in [value for value, _, _ in find_dates(found.quote)]


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = ("Date of service | DOS your visit on Service date   " + "x" * 40 + "\n") * 10_000
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, " " * 10**6), start=1)]

    started = time.perf_counter()
    find_service_date(pages)

    assert time.perf_counter() - started < 20

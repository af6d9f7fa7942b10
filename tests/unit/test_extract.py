"""Field extractors and date parsing: labels, formats, traps, and the quoting invariant."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import extract
from denialwatch.domain.dates import find_dates
from denialwatch.domain.denied_service import find_service
from denialwatch.domain.model import Finding
from denialwatch.domain.quote import MAX_QUOTE_CHARS, MAX_REASON_CHARS, Page, normalise_space
from denialwatch.domain.reasons import MAX_REASONS, find_reasons
from tests.unit.denial_letters import ANTHEM_CDI, KAISER_MEDICAL_NECESSITY


def page(text: str, number: int | None = 1) -> list[Page]:
    return [Page("letter.pdf" if number else "email", number, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Member ID: XEB901234567", "XEB901234567"),
        ("Member ID #: 10923847561", "10923847561"),
        ("Member #: 12345678", "12345678"),
        ("Member Number: 10099887766", "10099887766"),
        ("ID #: W1234567", "W1234567"),
        ("Subscriber ID: 9988776655", "9988776655"),
        ("Medi-Cal ID: 91234567A", "91234567A"),
        ("CIN: 91234567A", "91234567A"),
        ("Member ID (CIN): 94071268C", "94071268C"),
        ("ID de miembro (CIN): 93028415G", "93028415G"),
        ("1D de miembro (CIN): 95120387F", "95120387F"),  # OCR: "ID" read as "1D"
        ("Customer ID: U48823719", "U48823719"),
        ("Medical Record Number: 11223344", "11223344"),
        ("Número de miembro: 123456789", "123456789"),
        ("Identification Number: ABC123456789", "ABC123456789"),
        ("**Member ID:** 1234567", "1234567"),
        ("Member ID: ****6789", "****6789"),
        ("Member ID\n   XYZ12345", "XYZ12345"),
    ],
)
def test_member_id_labels(text: str, expected: str) -> None:
    found = extract.find_member_id(page(f"Dear Member,\n{text}\nThank you."))

    assert found is not None
    assert found.value == expected
    assert found.quote in text
    assert found.confidence in (extract.LABELLED, extract.GENERIC_LABEL)


@pytest.mark.parametrize(
    "text",
    [
        "Claim ID #: 12345",
        "Group Number: 12345",
        "Member ID: [REDACTED]",
        "Insurance ID Number: [Patient's Insurance ID #]",
        "Tax identification number: 95-1234567",
        "Member ID: see your card",
        "Member ID:\n\nDate of service: 01/02/2026",
    ],
)
def test_member_id_is_not_guessed(text: str) -> None:
    assert extract.find_member_id(page(text)) is None


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Group #: 0873021", "0873021", extract.LABELLED),
        ("Group Number: W0051234", "W0051234", extract.LABELLED),
        ("Group ID: 174650-010-00001", "174650-010-00001", extract.LABELLED),
        ("Group: 3340010", "3340010", extract.LABELLED),
        ("Policy/Group #: 00610472", "00610472", extract.LABELLED),
        ("Número de grupo: 76543", "76543", extract.LABELLED),
        ("Grupo: X2299", "X2299", extract.LABELLED),
        ("Group: Harborview Logistics, Inc. (group 0873021)", "0873021", extract.GENERIC_LABEL),
    ],
)
def test_group_number(text: str, expected: str, confidence: float) -> None:
    found = extract.find_group_number(page(f"Member ID: W219487365\n{text}\nDear Member,"))

    assert found is not None
    assert (found.value, found.confidence) == (expected, confidence)
    assert found.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "Group: Harborview Logistics, Inc.",
        "Power wheelchair (Group 3) with power tilt",
        "Group code: CO-50",
        "Group Name: Acme 2026 Plan",
        "group therapy 12345 sessions",
        "for the age group 18-64",
        "Member ID: 12345678",
    ],
)
def test_group_number_is_not_guessed(text: str) -> None:
    assert extract.find_group_number(page(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reference #: BSC-PA-55120987", "BSC-PA-55120987"),
        ("Authorization Number: 2026-0114-7789", "2026-0114-7789"),
        ("Referral/Authorization Number: 2026-0114-7789", "2026-0114-7789"),
        ("Case Number: C1234567", "C1234567"),
        ("Claim Number: 2026041500123", "2026041500123"),
        ("Claim #: 8F3A22196", "8F3A22196"),
        ("Grievance #: G-2026-0042", "G-2026-0042"),
        ("Request #: 778899", "778899"),
        ("Request ID: PA-99812345", "PA-99812345"),
        ("Ref. No. 44556", "44556"),
        ("Referencia: ABC-123", "ABC-123"),
        ("Número de referencia: IEHP-2026-000451", "IEHP-2026-000451"),
        # OCR splits a long number at a space; the digits that end the line are its tail
        # (identifiers are compared without spaces).
        ("Claim number: WC-2026-03 1877\nEmployer: Central Valley", "WC-2026-03 1877"),
        # OCR misreads "Número" as "Nímero": "referencia" alone is a label.
        ("Nímero de referencia: 2026-PA-0277105", "2026-PA-0277105"),
    ],
)
def test_reference_labels(text: str, expected: str) -> None:
    found = extract.find_reference(page(text))

    assert found is not None
    assert found.value == expected
    assert found.confidence == extract.LABELLED


@pytest.mark.parametrize(
    "text",
    [
        "**Reference:** Oscar Approved Criteria: Cromolyn Sodium 100mg/5mL Solution",
        "We received claim [REDACTED] for services received between 11/03/2021",
        "Claim Number or Prior Authorization Number: [Claim # from the Denial Letter]",
    ],
)
def test_reference_is_not_guessed(text: str) -> None:
    assert extract.find_reference(page(text)) is None


def test_only_digits_ending_the_line_join_a_split_number() -> None:
    found = extract.find_reference(page("Claim number: 2026041500123 Provider: Bay Imaging\n"))

    assert found is not None
    assert found.value == "2026041500123"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 5, 2026", date(2026, 1, 5)),
        ("Jan. 5, 2026", date(2026, 1, 5)),
        ("May. 20, 2026", date(2026, 5, 20)),
        ("Sept 30 2026", date(2026, 9, 30)),
        ("5 January 2026", date(2026, 1, 5)),
        ("01/05/2026", date(2026, 1, 5)),
        ("1/5/26", date(2026, 1, 5)),
        ("1-5-2026", date(2026, 1, 5)),
        ("2026-01-05", date(2026, 1, 5)),
        ("5 de enero de 2026", date(2026, 1, 5)),
        ("17 de abril del 2026", date(2026, 4, 17)),
        ("2de julio de 2026", date(2026, 7, 2)),  # OCR dropped the space
    ],
)
def test_date_formats(text: str, expected: date) -> None:
    found = find_dates(f"on {text}, we wrote")

    assert [value for value, _, _ in found] == [expected]
    _, start, end = found[0]
    assert f"on {text}, we wrote"[start:end].startswith(text.split(",", maxsplit=1)[0][:3])


@pytest.mark.parametrize(
    "text", ["February 30, 2026", "13/45/2026", "2026-13-01", "1/5/2026/7", "0/0/00"]
)
def test_impossible_or_ambiguous_dates_are_skipped(text: str) -> None:
    assert find_dates(text) == []


_SPANISH = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]

_FORMATS = (
    lambda d: d.strftime("%B %-d, %Y"),
    lambda d: d.strftime("%b. %-d, %Y"),
    lambda d: d.strftime("%m/%d/%Y"),
    lambda d: f"{d.month}/{d.day}/{d.strftime('%y')}",
    lambda d: d.isoformat(),
    lambda d: f"{d.day} de {_SPANISH[d.month - 1]} de {d.year}",
)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(_FORMATS),
)
def test_every_printed_date_reads_back(value: date, fmt: object) -> None:
    assert callable(fmt)
    text = f"Date: {fmt(value)}\n"

    assert [found for found, _, _ in find_dates(text)] == [value]


def test_the_letter_date_is_not_the_date_of_service() -> None:
    text = "Date of service: 02/10/2026\nDate of birth: 03/04/1960\nWe reviewed your claim."

    assert extract.find_letter_date(page(text)) is None


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Date: 08/03/2026\nMember ID: 1", date(2026, 8, 3), extract.LABELLED),
        ("Fecha: 5 de enero de 2026", date(2026, 1, 5), extract.LABELLED),
        ("Notice date: March 9, 2026", date(2026, 3, 9), extract.LABELLED),
        ("Statement date: March 30, 2026", date(2026, 3, 30), extract.LABELLED),
        ("Date of statement: 03/30/2026", date(2026, 3, 30), extract.LABELLED),
        ("Kaiser Permanente\n\nTuesday, March 10, 2026\n\nDear Ana", date(2026, 3, 10), 0.7),
        ("L.A. Care\n04/06/2026\nMember name: Maria", date(2026, 4, 6), 0.7),
    ],
)
def test_letter_date(text: str, expected: date, confidence: float) -> None:
    found = extract.find_letter_date(page(text))

    assert found is not None
    assert found.value == expected
    assert found.confidence == confidence


def test_the_date_line_not_the_service_date() -> None:
    found = extract.find_letter_date(page(ANTHEM_CDI))

    assert found is not None
    assert found.value == date(2026, 3, 2)
    assert found.quote == "March 2, 2026"


def test_the_letter_beats_the_email_even_with_a_weaker_rule() -> None:
    letter = Page("letter.pdf", 1, "Kaiser Permanente\n\nJanuary 12, 2026\n\nDear Jane,")
    email = Page("email", None, "Date: January 14, 2026\nService: knee MRI")
    letter_service = Page("letter.pdf", 2, "Your request for a lumbar MRI has been denied.")

    found = extract.find_letter_date([letter, letter_service, email])
    service = find_service([letter, letter_service, email])

    assert found is not None
    assert (found.value, found.document) == (date(2026, 1, 12), "letter.pdf")
    assert service is not None
    assert (service.value, service.page) == ("a lumbar MRI", 2)


def test_by_document_keeps_the_order() -> None:
    pages = [Page("a.pdf", 1, ""), Page("a.pdf", 2, ""), Page("email", None, "")]

    assert [[p.number for p in group] for group in extract.by_document(pages)] == [[1, 2], [None]]


def test_a_date_line_deep_in_the_letter_is_not_its_date() -> None:
    text = "\n".join(f"Line {n} of the letter." for n in range(40)) + "\nJanuary 5, 2026\n"

    assert extract.find_letter_date(page(text)) is None


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Service requested: MRI lumbar spine (CPT 72148)", "MRI lumbar spine (CPT 72148)", 0.9),
        ("Requested service: Proton beam therapy", "Proton beam therapy", 0.9),
        ("Item/Service: Outpatient physical therapy", "Outpatient physical therapy", 0.9),
        ("Medication: Humira (adalimumab) 40 mg", "Humira (adalimumab) 40 mg", 0.9),
        ("Procedure: Lumbar fusion L4-L5", "Lumbar fusion L4-L5", 0.9),
        ("Servicio solicitado: Cirugía bariátrica", "Cirugía bariátrica", 0.9),
        (
            "Service approved: Outpatient physical therapy, 12 visits",
            "Outpatient physical therapy, 12 visits",
            0.9,
        ),
        ("Authorized service: Home oxygen concentrator", "Home oxygen concentrator", 0.9),
        ("for the following service(s):\nCPAP machine, E0601", "CPAP machine, E0601", 0.9),
        ("Your request for a knee MRI has been denied.", "a knee MRI", 0.6),
        (
            "We received a request for coverage of **CROMOLYN 100 MG/5 ML ORAL CONC** for you.",
            "CROMOLYN 100 MG/5 ML ORAL CONC",
            0.6,
        ),
        ("Su solicitud de cirugía bariátrica ha sido denegada.", "cirugía bariátrica", 0.6),
        ("Denied line: CPT 97110 therapeutic exercise", "CPT 97110", 0.5),
        (
            "We denied the medical services/items listed below that you or your physician "
            "asked for: Admission to an inpatient rehabilitation facility (IRF) after your "
            "hospital stay for a hip fracture.",
            "Admission to an inpatient rehabilitation facility (IRF)",
            0.6,
        ),
        (
            "We denied the medical services/items listed below that you or your physician "
            "asked for:\nOutpatient physical therapy, 12 additional visits\n"
            "Why did we deny your request?\nWe denied it because it is not necessary.",
            "Outpatient physical therapy, 12 additional visits",
            0.9,
        ),
        (
            "SCAN Health Plan\nNotice of Denial: Inpatient Rehabilitation Facility Admission\n"
            "Why did we deny your request?",
            "Inpatient Rehabilitation Facility Admission",
            0.7,
        ),
        (
            "RE: Prior authorization request for lumbar spinal fusion (L4-L5)\nDear Member,",
            "lumbar spinal fusion (L4-L5)",
            0.7,
        ),
    ],
)
def test_service(text: str, expected: str, confidence: float) -> None:
    found = find_service(page(text))

    assert found is not None
    assert found.value == expected
    assert found.confidence == confidence


@pytest.mark.parametrize(
    "text",
    [
        "Procedure: [PROCEDURE NAME]",
        "We denied this request.",
        "Service:\n\n",
        "Dear Member,",
        "Notice of Denial of Medical Coverage (or Payment)\nDear Member,",
        "Notice of Adverse Benefit Determination - About Your Treatment Request",
        "RE: Coverage decision",
    ],
)
def test_service_is_not_guessed(text: str) -> None:
    assert find_service(page(text)) is None


def test_labelled_reasons_are_whole_and_rights_are_not_reasons() -> None:
    reasons = find_reasons(page(KAISER_MEDICAL_NECESSITY))

    assert len(reasons) == 1
    assert reasons[0].value.startswith("The requested service is not medically necessary.")
    assert reasons[0].value.endswith("red-flag symptoms.")
    assert reasons[0].confidence == extract.LABELLED
    assert all("grievance" not in r.value for r in reasons)


def test_a_reason_heading_then_its_sentence() -> None:
    reasons = find_reasons(page(ANTHEM_CDI))

    assert reasons[0].value.startswith("that the continued inpatient stay did not meet MCG")
    assert reasons[0].value.endswith("skilled nursing facility.")


def test_because_sentences_and_criteria_lists() -> None:
    text = (
        "We received your appeal. However, the appeal has also been denied.\n\n"
        "Your records do not meet the following criteria:\n\n"
        "- documentation of systemic mastocytosis\n\n"
        "- documentation of organ involvement\n\n"
        "Because the claim was denied, the hospital may bill you.\n"
        "We denied it because you did not try two preferred drugs first.\n"
        "If you disagree because of new facts, you can appeal.\n"
    )

    values = [r.value for r in find_reasons(page(text))]

    assert values == [
        "Your records do not meet the following criteria: - documentation of systemic "
        "mastocytosis - documentation of organ involvement",
        "We denied it because you did not try two preferred drugs first.",
    ]


def test_a_long_reason_is_cut_at_a_word_and_stays_in_its_quote() -> None:
    text = "Rationale: " + "The request does not meet criteria " * 30 + "."

    (reason,) = find_reasons(page(text))

    assert len(reason.quote) <= MAX_REASON_CHARS
    assert reason.value in normalise_space(reason.quote)
    assert not reason.quote.endswith(("crit", "criteri"))


def test_at_most_six_reasons() -> None:
    text = " ".join(f"Item {n} is not medically necessary." for n in range(20))

    assert len(find_reasons(page(text))) == MAX_REASONS


# The invariant on random text with labels sprinkled in.

_LABELS = [
    "Member ID: ",
    "Group #: ",
    "group ",
    "Notice of Denial: ",
    "RE: request for ",
    "asked for: ",
    "ID #: ",
    "Claim Number: ",
    "Reference #: ",
    "Date: ",
    "Service requested: ",
    "Reason for denial: ",
    "because ",
    "not medically necessary",
    "\n",
    "\n\n",
    ". ",
    "**",
    "January 5, 2026",
    "1/5/26",
]
_texts = st.lists(
    st.one_of(st.sampled_from(_LABELS), st.text(max_size=25), st.from_regex(r"[A-Z0-9-]{1,12}")),
    max_size=40,
).map("".join)


def _verbatim_ok(text: str, found: Finding[str], limit: int) -> None:
    assert found.quote in text
    assert len(found.quote) <= limit
    assert found.value
    assert found.value == normalise_space(found.value)
    assert found.value in normalise_space(found.quote)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_extractors_quote_their_page_on_random_text(text: str) -> None:
    pages = page(text)

    for finder in (
        extract.find_member_id,
        extract.find_group_number,
        extract.find_reference,
        find_service,
    ):
        found = finder(pages)
        if found is not None:
            _verbatim_ok(text, found, MAX_QUOTE_CHARS)
    for reason in find_reasons(pages):
        _verbatim_ok(text, reason, MAX_REASON_CHARS)
    when = extract.find_letter_date(pages)
    if when is not None:
        assert when.quote in text
        assert when.value in [value for value, _, _ in find_dates(when.quote)]


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_identifiers_hold_a_digit(text: str) -> None:
    for finder in (extract.find_member_id, extract.find_group_number, extract.find_reference):
        found = finder(page(text))
        if found is not None:
            assert re.search(r"\d", found.value)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = ("Group #: group Member ID: Notice of Denial: asked for: " + "x" * 40 + "\n") * 9_000
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, " " * 10**6), start=1)]
    finders = (extract.find_group_number, extract.find_member_id, find_service)

    started = time.perf_counter()
    for finder in finders:
        finder(pages)

    assert time.perf_counter() - started < 30

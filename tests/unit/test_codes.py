"""Codes: each system with its labels, EOB tables, shapes, false hits refused, the invariant."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import codes
from denialwatch.domain.codes import FORMATS, MAX_CODES, find_codes, skeleton
from denialwatch.domain.extract import GENERIC_LABEL, GUESS, LABELLED
from denialwatch.domain.model import Code
from denialwatch.domain.quote import MAX_QUOTE_CHARS, Page


def page(text: str) -> list[Page]:
    return [Page("letter.pdf", 1, text)]


def found(text: str) -> list[tuple[str, str]]:
    return [(f.value.system, f.value.code) for f in find_codes(page(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Service requested: MRI lumbar spine without contrast (CPT 72148)", [("CPT", "72148")]),
        ("CPT® code: 0071U", [("CPT", "0071U")]),
        ("Category II code CPT 3074F was billed", [("CPT", "3074F")]),
        (
            "The sleep studies (CPT codes 95810, 95811 and 95782) are not covered.",
            [("CPT", "95810"), ("CPT", "95811"), ("CPT", "95782")],
        ),
        ("Procedure code 97110-GP, 97112", [("CPT", "97110"), ("CPT", "97112")]),
        ("CPT/HCPCS: E0601", [("HCPCS", "E0601")]),
        ("a power wheelchair (HCPCS K0823)", [("HCPCS", "K0823")]),
        ("HCPCS Level II code J9271 (pembrolizumab)", [("HCPCS", "J9271")]),
        ("NDC 0002-8215-01", [("NDC", "0002-8215-01")]),
        ("NDC #: 00169413212", [("NDC", "00169413212")]),
        ("National Drug Code 50242-040-62", [("NDC", "50242-040-62")]),
        ("ICD-10: M54.16, M51.26", [("ICD-10", "M54.16"), ("ICD-10", "M51.26")]),
        ("ICD-10-CM diagnosis code E11.65", [("ICD-10", "E11.65")]),
        ("Dx M5416", [("ICD-10", "M54.16")]),
        ("Diagnosis: Lumbar radiculopathy (M54.16)", [("ICD-10", "M54.16")]),
        ("Diagnóstico: Z68.41", [("ICD-10", "Z68.41")]),
        ("CARC 50: not medically necessary", [("CARC", "50")]),
        ("Claim adjustment reason code (CARC) 197", [("CARC", "197")]),
        ("Reason code CO-50", [("CARC", "CO-50")]),
        ("Adjustment reason code: PR 204", [("CARC", "PR-204")]),
        ("Denial code B7", [("CARC", "B7")]),
        ("Remark codes: N130, M15", [("RARC", "N130"), ("RARC", "M15")]),
        ("RARC MA130", [("RARC", "MA130")]),
    ],
)
def test_labelled_codes(text: str, expected: list[tuple[str, str]]) -> None:
    findings = find_codes(page(f"Dear Member,\n{text}\nThank you."))

    assert [(f.value.system, f.value.code) for f in findings] == expected
    assert all(f.confidence == LABELLED for f in findings)


@pytest.mark.parametrize(
    ("text", "expected", "confidence"),
    [
        ("Group/adjustment: CO-50 (not medically necessary)", ("CARC", "CO-50"), GENERIC_LABEL),
        ("Your share PR-1 (deductible)", ("CARC", "PR-1"), GENERIC_LABEL),
        ("Ozempic 2 mg/3 mL pen 0169-4132-12", ("NDC", "0169-4132-12"), GENERIC_LABEL),
        ("CPAP machine, E0601", ("HCPCS", "E0601"), GUESS),
    ],
)
def test_codes_by_their_shape(text: str, expected: tuple[str, str], confidence: float) -> None:
    (finding,) = find_codes(page(text))

    assert (finding.value.system, finding.value.code) == expected
    assert finding.confidence == confidence


@pytest.mark.parametrize(
    "text",
    [
        "Los Angeles, CA 90012",
        "Billed $12,345.00; amount 72148 units",
        "Take vitamin B12 daily. Diagnosis of systemic mastocytosis.",
        "Diagnosis: Vitamin B12 deficiency",
        "Procedure: Lumbar fusion L4-L5",
        "Contract H5425-001, Plan ID H5425",
        "Claim number: A1234 / Reference # J9271",
        "Form CMS-10003-NDMCP OMB Approval 0938-0829",
        "Authorization Number: 2026-0114-7789",
        "Member ID: R0012345601",
        "Reason for denial: the service is not medically necessary.",
        "Remarks: the patient was seen on 04/02/2026.",
        "We reviewed 97110 and 99213 from your doctor.",
    ],
)
def test_numbers_that_are_not_codes(text: str) -> None:
    assert found(text) == []


EOB = """\
Anthem Blue Cross
Explanation of Benefits - THIS IS NOT A BILL

Claim number: 2026-118-004471    Date of service: 04/02/2026

Service            CPT     Dx       Billed    Paid    Reason code   Remark
Office visit       99214   E11.9    $250.00   $0.00   CO-50         N130
Lab test           80053   E1165    $120.00   $0.00   197           M15, N657

Reason code CO-50: These are non-covered services because this is not deemed a medical
necessity by the payer.
"""

EOB_PIPES = """\
| Line | Procedure code | Diagnosis | Reason code | Remark code |
|------|----------------|-----------|-------------|-------------|
| 1    | 97140          | M54.16    | 50          | N130        |
| 2    |                | M54.5     | PR-204      |             |
"""


def test_an_eob_table_reads_each_column() -> None:
    findings = find_codes(page(EOB))

    assert [(f.value.system, f.value.code) for f in findings] == [
        ("CPT", "99214"),
        ("ICD-10", "E11.9"),
        ("RARC", "N130"),
        ("CPT", "80053"),
        ("ICD-10", "E11.65"),
        ("CARC", "197"),
        ("RARC", "M15"),
        ("RARC", "N657"),
        ("CARC", "CO-50"),
    ]
    assert findings[0].quote.startswith("Office visit")
    assert findings[0].confidence == GENERIC_LABEL
    assert findings[-1].quote.startswith("Reason code CO-50: These are non-covered services")
    assert findings[-1].confidence == LABELLED, "the labelled reading, where the EOB explains it"


def test_a_pipe_table_reads_by_cell() -> None:
    assert found(EOB_PIPES) == [
        ("CPT", "97140"),
        ("ICD-10", "M54.16"),
        ("CARC", "50"),
        ("RARC", "N130"),
        ("ICD-10", "M54.5"),
        ("CARC", "PR-204"),
    ]


def test_a_code_after_a_label_that_ends_a_wrapped_line() -> None:
    # PDF text breaks every line at the margin, here between the label and its code.
    text = (
        "We reviewed a request from your doctor for proton beam therapy (28 treatments, CPT\n"
        "77523) for prostate cancer. We received a request for 12 visits of therapy (CPT\n"
        "97110) after your knee replacement."
    )

    findings = find_codes(page(text))

    assert [(f.value.system, f.value.code) for f in findings] == [
        ("CPT", "77523"),
        ("CPT", "97110"),
    ]
    assert all(f.quote in text for f in findings)


def test_a_label_alone_on_its_line_does_not_read_the_next_line() -> None:
    # A heading, then a numbered list: "1" is a list number, not CARC 1.
    text = "Dear Member,\nReason codes\n1. The records do not show six weeks of therapy.\n"

    assert found(text) == []


def test_each_code_once_keeping_the_labelled_reading() -> None:
    text = "Denied: CPAP machine, E0601.\nHCPCS E0601 is not covered. CPT 72148 and CPT 72148."

    findings = find_codes(page(text))

    assert [(f.value.code, f.confidence) for f in findings] == [
        ("E0601", LABELLED),
        ("72148", LABELLED),
    ]


def test_codes_are_capped() -> None:
    text = "CPT codes " + ", ".join(str(n) for n in range(10000, 10060))
    text += "\n" + "\n".join(f"ICD-10: A{n:02d}.1" for n in range(40))

    assert len(find_codes(page(text))) == MAX_CODES


def test_pages_in_reading_order() -> None:
    pages = [Page("letter.pdf", 1, "RARC N130"), Page("eob.pdf", 1, "CPT 99213")]

    findings = find_codes(pages)

    assert [(f.document, f.value) for f in findings] == [
        ("letter.pdf", Code("RARC", "N130")),
        ("eob.pdf", Code("CPT", "99213")),
    ]


_WORDS = [
    "CPT ",
    "HCPCS: ",
    "NDC ",
    "ICD-10: ",
    "Dx ",
    "Diagnosis: ",
    "Reason code ",
    "Remark codes: ",
    "CO-",
    "72148",
    "0071U",
    "E0601",
    "M54.16",
    "M5416",
    "N130",
    "50",
    "0002-8215-01",
    "00169413212",
    ", ",
    " and ",
    "(",
    ")",
    "\n",
    "   ",
    "|",
]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_every_code_fits_its_system_and_is_printed_in_its_quote(text: str) -> None:
    findings = find_codes(page(text))

    assert len(findings) <= MAX_CODES
    assert len({f.value for f in findings}) == len(findings)
    for finding in findings:
        assert finding.quote in text
        assert len(finding.quote) <= MAX_QUOTE_CHARS
        assert FORMATS[finding.value.system].fullmatch(finding.value.code)
        assert skeleton(finding.value.code) in skeleton(finding.quote)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    row = "CPT   Dx   Reason code   Remark\n" + "99213   E11.9   CO-50   N130 CPT 12345, \n" * 20
    junk = (row + "ICD-10: M54.16 Remark codes: N130 NDC 0002-8215-01 E0601\n") * 1_200
    pages = [Page("junk.pdf", n, t) for n, t in enumerate((junk, "|" * 10**6), start=1)]

    started = time.perf_counter()
    codes.find_codes(pages)

    assert time.perf_counter() - started < 20

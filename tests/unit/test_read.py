"""read_message: denial or not, why, and which source each field is read from."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain import eob, kinds, read, signals, verdict
from denialwatch.domain.category import category_named_in, review_type_named_in
from denialwatch.domain.dates import find_dates
from denialwatch.domain.insurers import insurers_named_in
from denialwatch.domain.model import (
    Category,
    Decision,
    DocumentKind,
    Finding,
    Reading,
    Route,
    SourceText,
)
from denialwatch.domain.quote import MAX_QUOTE_CHARS, MAX_REASON_CHARS, normalise_space
from denialwatch.domain.route import routes_named_in
from tests.unit.denial_letters import (
    KAISER_MEDICAL_NECESSITY,
    KINDS,
    LETTERS,
    NOT_DENIALS,
    PATIENT_APPEAL,
    SHARP_APPROVAL,
    as_email,
    as_pdf,
)


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_every_sample_denial_reads_as_a_denial(name: str) -> None:
    reading = read.read_message(as_pdf(LETTERS[name]))

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.is_denial
    assert reading.reasons, "a denial has stated reasons"


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_a_denial_in_the_email_body_reads_the_same(name: str) -> None:
    in_body = read.read_message(as_email(LETTERS[name]))
    attached = read.read_message(as_pdf(LETTERS[name]))

    assert in_body.kind is DocumentKind.DENIAL
    assert in_body.category == _moved(attached.category, "email", None)
    assert in_body.route == _moved(attached.route, "email", None)
    assert "email body" in in_body.reason
    assert "attached document" in attached.reason


def _moved(found: Finding[Any] | None, document: str, page: int | None) -> object:
    if found is None:
        return None
    return Finding(found.value, found.quote, document, page, found.confidence)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("appeal", verdict.APPEAL_LETTER),
        ("newsletter", verdict.NEWSLETTER),
        ("eob", verdict.EOB_ONLY),
    ],
)
def test_hard_negatives_are_not_denials_and_say_why(name: str, reason: str) -> None:
    reading = read.read_message(as_pdf(NOT_DENIALS[name]))

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.reason == reason
    assert reading.reasons == ()
    assert reading.category is None


def test_an_approval_is_its_own_kind_and_carries_no_denial_fields() -> None:
    # Until the document kinds, an approval was NOT_DENIAL with this reason; it is now the
    # APPROVAL kind (same reason), and "If a future request is denied" does not make it less.
    reading = read.read_message(as_pdf(SHARP_APPROVAL))

    assert reading.kind is DocumentKind.APPROVAL
    assert reading.reason == verdict.APPROVAL_LETTER
    assert reading.decision is None, "nothing was reversed"
    assert reading.reasons == ()
    assert reading.category is None
    assert reading.insurer is not None
    assert reading.insurer.value == "Sharp Health Plan"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Lunch on Friday? The new place on 5th is good.", verdict.NO_DENIAL),
        ("If we deny your request, we will send you a letter explaining why.", verdict.CONDITIONAL),
        (
            "Kaiser Permanente: your request has been denied. Sign in to kp.org to read "
            "your letter.",
            verdict.NO_REASONS,
        ),
        (
            "Access request for the build server was denied because your account has expired.",
            verdict.OUT_OF_CONTEXT,
        ),
    ],
)
def test_other_refusals_are_worded_for_the_review_list(body: str, reason: str) -> None:
    reading = read.read_message(as_email(body))

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.reason == reason


def test_reasons_never_carry_letter_text() -> None:
    every = [*LETTERS.values(), *NOT_DENIALS.values(), *(text for text, _ in KINDS.values())]
    fixed = verdict.REASONS
    for text in every:
        reason = read.read_message(as_pdf(text)).reason
        assert reason in fixed or reason.startswith(verdict.DENIAL_REASON)
        assert "Jane" not in reason
        assert "MRI" not in reason


def test_the_kaiser_letter_is_read_field_by_field() -> None:
    reading = read.read_message(as_pdf(KAISER_MEDICAL_NECESSITY, name="kaiser.pdf"))

    assert reading.insurer is not None
    assert reading.insurer.value == "Kaiser Permanente"
    assert (reading.insurer.document, reading.insurer.page) == ("kaiser.pdf", 1)
    assert reading.member_id is not None
    assert reading.member_id.value == "11223344"
    assert reading.member_id.quote == "Medical Record Number: 11223344"
    assert reading.member_id.confidence == 0.9
    assert reading.reference_number is not None
    assert reading.reference_number.value == "2026-0114-7789"
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 1, 12)
    assert reading.service is not None
    assert reading.service.value == "MRI lumbar spine without contrast (CPT 72148)"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert reading.route is not None
    assert reading.route.value is Route.DMHC
    assert "responsible for regulating health care" in reading.route.quote
    assert reading.urgent is None, "the rights paragraph's '72 hours' is not urgency"
    assert reading.reasons[0].value.startswith("The requested service is not medically necessary.")


def test_the_letter_is_preferred_over_the_email_body() -> None:
    body = "Forwarding my denial. Member ID: 99999999 (my old card).\n\n" + SHARP_APPROVAL
    sources = [SourceText("email", (body,)), SourceText("denial.pdf", (KAISER_MEDICAL_NECESSITY,))]

    reading = read.read_message(sources)

    assert reading.member_id is not None
    assert reading.member_id.value == "11223344"
    assert reading.member_id.document == "denial.pdf"


def test_among_documents_the_denial_letter_is_preferred() -> None:
    sources = [
        SourceText("email", ("See attached.",)),
        SourceText("my-appeal.pdf", (PATIENT_APPEAL,)),
        SourceText("approval.pdf", (SHARP_APPROVAL,)),
        SourceText("denial.pdf", ("Page one of the rights notice.", KAISER_MEDICAL_NECESSITY)),
    ]

    reading = read.read_message(sources)

    assert reading.kind is DocumentKind.DENIAL
    assert reading.insurer is not None
    assert reading.insurer.document == "denial.pdf"
    assert reading.member_id is not None
    assert (reading.member_id.document, reading.member_id.page) == ("denial.pdf", 2)
    assert all(reason.document == "denial.pdf" for reason in reading.reasons)


def test_email_findings_have_no_page_and_documents_are_numbered_from_one() -> None:
    in_body = read.read_message(as_email(KAISER_MEDICAL_NECESSITY))
    attached = read.read_message(as_pdf("Cover page\f" + KAISER_MEDICAL_NECESSITY))

    assert in_body.member_id is not None
    assert in_body.member_id.page is None
    assert attached.member_id is not None
    assert attached.member_id.page == 2


def test_a_document_without_text_is_unreadable_unless_something_else_is_a_denial() -> None:
    scanned = SourceText("scan.pdf", ("", "  \n"))

    alone = read.read_message([SourceText("email", ("Please see the attached letter.",)), scanned])
    beside = read.read_message([*as_email(KAISER_MEDICAL_NECESSITY), scanned])

    assert alone.kind is DocumentKind.UNREADABLE
    assert alone.reason == verdict.NO_TEXT
    assert beside.kind is DocumentKind.DENIAL


def test_no_sources_is_not_a_denial() -> None:
    assert read.read_message([]).kind is DocumentKind.NOT_DENIAL


def test_a_partial_approval_is_a_denial() -> None:
    text = (
        "Sharp Health Plan\nDear Member,\nWe approved 6 of the 12 physical therapy visits your "
        "doctor requested. The other 6 visits are not medically necessary because you met "
        "your therapy goals.\n"
    )

    assert read.read_message(as_email(text)).kind is DocumentKind.DENIAL


def test_subject_helps_only_with_the_health_context() -> None:
    body = "Your request has been denied because the information does not meet the criteria."

    plain = read.read_message(as_email(body))
    with_subject = read.read_message(
        as_email(body), subject="Fwd: prior authorization for therapy, Medi-Cal"
    )

    assert plain.reason == verdict.OUT_OF_CONTEXT
    assert with_subject.kind is DocumentKind.DENIAL
    assert all(f.document == "email" for f in with_subject.reasons)


def test_a_megabyte_of_junk_is_read_quickly() -> None:
    junk = ("denied because if not medically necessary Member ID: " + "x" * 50 + " ") * 10_000
    junk += "(" * 200_000 + "a" * 300_000
    pages = (junk[:1_000_000], "." * 1_000_000, "\n" * 1_000_000)

    started = time.perf_counter()
    reading = read.read_message([SourceText("email", (junk,)), SourceText("junk.pdf", pages)])
    elapsed = time.perf_counter() - started

    assert isinstance(reading, Reading)
    assert elapsed < 30, f"took {elapsed:.1f}s"


# The invariant, on random text: every quote is a substring of its page, and every value can
# be derived from its quote (strings: whitespace-normalised substring; dates: parsed from the
# quote; insurer and route: named by the quote).

FRAGMENTS = [
    line
    for text in (*LETTERS.values(), *NOT_DENIALS.values(), *(t for t, _ in KINDS.values()))
    for line in text.splitlines()
]
_page = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(
    "\n".join
)


def _page_text(reading_sources: list[SourceText], found: Finding[object]) -> str:
    source = next(s for s in reading_sources if s.name == found.document)
    return source.text if found.page is None else source.pages[found.page - 1]


def _check(sources: list[SourceText], field: str, found: Finding[Any]) -> None:
    page = _page_text(sources, found)
    assert found.quote in page
    assert found.quote == found.quote.strip()
    assert len(found.quote) <= (MAX_REASON_CHARS if field == "reasons" else MAX_QUOTE_CHARS)
    assert 0.0 <= found.confidence <= 1.0
    if field == "insurer":
        known = insurers_named_in(found.quote)
        assert found.value in known or found.value in normalise_space(found.quote)
    elif field in ("letter_date", "grievance_date"):
        assert found.value in [d for d, _, _ in find_dates(found.quote)]
    elif field == "route":
        assert found.value is Route.UNKNOWN or found.value in routes_named_in(found.quote)
    elif field == "category":
        category = category_named_in(found.quote) or review_type_named_in(found.quote)
        assert category is not None or eob.category_of(found.quote)
    elif field == "decision":
        assert _decision_named(found.value, found.quote)
    elif field == "urgent":
        assert found.value is True
    else:
        assert isinstance(found.value, str)
        assert found.value
        assert found.value == normalise_space(found.value)
        assert found.value in normalise_space(found.quote)


def _decision_named(decision: Decision, text: str) -> bool:
    """The quote names the decision: outcome words, or (read from denial or approval
    wording) the plan's decision; a PARTIAL may be quoted at one of its two sentences."""
    named = set(kinds.decisions_named_in(text))
    if any(signals.SIGNALS[s].search(text) for s in signals.DECIDED):
        named.add(Decision.UPHELD)
    if signals.SIGNALS[signals.Signal.APPROVAL].search(text):
        named.add(Decision.OVERTURNED)
    return decision in named or (decision is Decision.PARTIAL and bool(named))


@settings(max_examples=150, deadline=None)
@given(email=_page, pages=st.lists(_page, min_size=1, max_size=3))
def test_every_finding_quotes_its_page_and_its_value_comes_from_the_quote(
    email: str, pages: list[str]
) -> None:
    sources = [SourceText("email", (email,)), SourceText("letter.pdf", tuple(pages))]

    reading = read.read_message(sources)

    fields = ["insurer", "member_id", "reference_number", "letter_date", "service"]
    fields += ["category", "route", "urgent", "decision", "grievance_date", "dmhc_case_number"]
    for field in fields:
        found = getattr(reading, field)
        if found is not None:
            _check(sources, field, found)
    for reason in reading.reasons:
        _check(sources, "reasons", reason)

"""Document kinds: every kind is told apart, with its reason and the fields it carries."""

from __future__ import annotations

import time
from datetime import date

import pytest

from denialwatch.domain import carcs, dmhc, extract, kinds, outcomes, read, verdict
from denialwatch.domain.model import (
    ADVERSE_KINDS,
    Category,
    Decision,
    DocumentKind,
    Reading,
    Route,
    SourceText,
)
from denialwatch.domain.quote import Page
from tests.unit.denial_letters import (
    ANTHEM_APPEAL_APPROVED,
    APPEAL_DENIED_AGAIN,
    BLUE_SHIELD_AFTER_IMR,
    BLUE_SHIELD_GRIEVANCE_ACK,
    DMHC_IMR_ACK,
    DMHC_IMR_OVERTURNED,
    DMHC_REQUEST_FOR_INFORMATION,
    DMHC_SPANISH_ACK_EMAIL,
    DMHC_STATEMENT,
    DMHC_URGENT_CARE_DECISION,
    EOB_CONTRACTUAL_ONLY,
    EOB_NOTHING_DENIED,
    EOB_PIPE_TABLE,
    EOB_WRAPPED,
    GRIEVANCE_ACK_WITH_FOOTER,
    HEALTH_NET_EOB_DENIED,
    IEHP_SPANISH_ACK,
    KAISER_GRIEVANCE_UPHELD,
    KAISER_MEDICAL_NECESSITY,
    KAISER_PORTAL_NOTICE,
    KINDS,
    LA_CARE_APPEAL_RESOLUTION,
    LA_CARE_SPANISH_RESOLUTION,
    LETTERS,
    MEDI_CAL_SPANISH_NOA,
    PHOTOGRAPHED_SPANISH_NOA,
    SHARP_APPROVAL,
    as_email,
    as_pdf,
)


def _read(text: str) -> Reading:
    return read.read_message(as_pdf(text))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_sample_letter_reads_as_its_kind(name: str) -> None:
    text, kind = KINDS[name]

    attached = read.read_message(as_pdf(text))
    in_body = read.read_message(as_email(text))

    assert attached.kind is kind, attached.reason
    assert in_body.kind is kind, in_body.reason


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_the_dmhc_statement_never_makes_a_plan_letter_a_dmhc_letter(name: str) -> None:
    assert _read(LETTERS[name]).kind is DocumentKind.DENIAL


# Grievance decisions: the plan's answer to a grievance that keeps the denial.


def test_a_kaiser_grievance_decision_upholds_the_denial_field_by_field() -> None:
    reading = _read(KAISER_GRIEVANCE_UPHELD)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.is_adverse
    assert reading.reason == outcomes.GRIEVANCE_UPHELD
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert reading.decision.quote == "We have upheld our original decision."
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 1, 26), "received, not the letter's date"
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 2, 20)
    assert reading.reference_number is not None
    assert reading.reference_number.value == "KP-G-2026-004417"
    assert reading.member_id is not None
    assert reading.member_id.value == "11223344"
    assert reading.insurer is not None
    assert reading.insurer.value == "Kaiser Permanente"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert reading.route is not None
    assert reading.route.value is Route.DMHC
    assert reading.reasons[0].value.startswith("The requested service is not medically necessary")
    assert reading.urgent is None, "the department's 3 days is a rights notice"
    assert reading.dmhc_case_number is None


def test_a_medi_cal_notice_of_appeal_resolution_that_denies() -> None:
    reading = _read(LA_CARE_APPEAL_RESOLUTION)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 4, 28)
    assert reading.route is not None
    assert reading.route.value is Route.MEDI_CAL
    assert reading.reference_number is not None
    assert reading.reference_number.value == "LAC-APL-2026-3321"
    assert any("manual wheelchair" in r.value for r in reading.reasons)


def test_a_spanish_notice_of_appeal_resolution() -> None:
    reading = _read(LA_CARE_SPANISH_RESOLUTION)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert "mantener nuestra decisión" in reading.decision.quote
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 4, 28)
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 5, 20)


def _grievance_letter(body: str) -> str:
    return (
        "Sharp Health Plan\nAppeals and Grievances\n\nDate: March 9, 2026\nMember ID: 5550011\n"
        "Appeal #: SHP-A-7781\n\nDear Member,\n\nWe have reviewed your appeal about the 12 "
        f"physical therapy visits your doctor asked for. {body}\n\n" + DMHC_STATEMENT
    )


@pytest.mark.parametrize(
    ("body", "kind", "decision"),
    [
        (
            "We have overturned our decision in part: 6 visits are approved. The other 6 "
            "visits remain denied because they are not medically necessary.",
            DocumentKind.GRIEVANCE_DECISION,
            Decision.PARTIAL,
        ),
        (
            "We approved 6 of the visits and overturned that part of our decision. We upheld "
            "the denial of the other 6 visits because you met your therapy goals.",
            DocumentKind.GRIEVANCE_DECISION,
            Decision.PARTIAL,
        ),
        (
            "We found no reason to overturn our decision. Your appeal is denied because the "
            "visits are not medically necessary.",
            DocumentKind.GRIEVANCE_DECISION,
            Decision.UPHELD,
        ),
        (
            "Our original decision stands: the visits are not medically necessary.",
            DocumentKind.GRIEVANCE_DECISION,
            Decision.UPHELD,
        ),
        (
            "Your appeal has been approved. All 12 visits are authorized through June 30, 2026.",
            DocumentKind.APPROVAL,
            Decision.OVERTURNED,
        ),
        (
            "The visits are not medically necessary because you met your therapy goals, so "
            "we have denied your appeal.",
            DocumentKind.GRIEVANCE_DECISION,
            Decision.UPHELD,
        ),
    ],
)
def test_what_became_of_the_decision(body: str, kind: DocumentKind, decision: Decision) -> None:
    reading = _read(_grievance_letter(body))

    assert reading.kind is kind, reading.reason
    assert reading.decision is not None
    assert reading.decision.value is decision
    assert reading.decision.quote in _grievance_letter(body)


@pytest.mark.parametrize(
    "rights",
    [
        "Once we have received your appeal, we will send you our decision within 30 days.",
        "After we receive your appeal, we will send you a written decision within 30 days.",
        "You will receive an appeal decision within 30 calendar days.",
        "Instructions for your appeal are enclosed. Mail the appeal form to the address below.",
        "The appeal for an expedited review must be made by phone.",
        "An appeal decision may be overturned by the Independent Review Entity.",
        "We will acknowledge receipt of your grievance within 5 calendar days.",
        "When we receive your grievance, we will acknowledge it within 5 days.",
        "The doctor reviewing your appeal will not be the doctor who made this decision.",
        "Many denials are overturned on appeal.",
        "Some requests are partially approved.",
    ],
)
def test_appeal_rights_on_a_denial_do_not_make_it_another_kind(rights: str) -> None:
    text = KAISER_MEDICAL_NECESSITY.replace(
        "If you disagree with this decision", f"{rights}\n\nIf you disagree with this decision"
    )

    reading = _read(text)

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.decision is None


_PLAN_EMAIL = "Blue Shield of California\nMember ID: XEB901234567\nGrievance #: G-1234\n\n"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "This letter is to let you know that we received your appeal on March 3, 2026. "
            "We will make a decision within 30 days.",
            DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        ),
        (
            "Thank you for your grievance, which we received on 03/03/2026. We are reviewing "
            "it and will respond by April 2, 2026.",
            DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT,
        ),
        (
            "After careful review of your appeal, we have decided to uphold the denial. The MRI "
            "is not medically necessary because you have not tried physical therapy.",
            DocumentKind.GRIEVANCE_DECISION,
        ),
        (
            "Your appeal was denied. The MRI is not medically necessary because you have not "
            "tried physical therapy.",
            DocumentKind.GRIEVANCE_DECISION,
        ),
        (
            "Based on our review of your appeal, we are reversing our prior decision and "
            "approving the MRI.",
            DocumentKind.APPROVAL,
        ),
    ],
)
def test_plan_emails_in_other_words(body: str, kind: DocumentKind) -> None:
    reading = read.read_message(as_email(_PLAN_EMAIL + body))

    assert reading.kind is kind, reading.reason


def test_a_medicare_reconsideration_that_upholds_is_a_grievance_decision() -> None:
    text = (
        "SCAN Health Plan\nDate: June 2, 2026\nMember number: 10099887766\n\n"
        "We reviewed your request for reconsideration of our decision about outpatient "
        "physical therapy. We decided to uphold our decision because skilled therapy is no "
        "longer medically necessary. Your case will be sent to the Independent Review Entity "
        "automatically.\n"
    )

    reading = _read(text)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.route is not None
    assert reading.route.value is Route.MEDICARE


def test_a_grievance_decision_beside_the_original_denial_is_the_message_kind() -> None:
    sources = [
        SourceText("email", ("My appeal was turned down, see both letters.",)),
        SourceText("denial.pdf", (KAISER_MEDICAL_NECESSITY,)),
        SourceText("appeal-decision.pdf", (KAISER_GRIEVANCE_UPHELD,)),
    ]

    reading = read.read_message(sources)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION
    assert reading.reference_number is not None
    assert reading.reference_number.document == "appeal-decision.pdf"
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 2, 20)


# Acknowledgements: the plan received the grievance (HSC 1368(a)(4)).


def test_a_blue_shield_acknowledgement_gives_the_day_the_grievance_was_received() -> None:
    reading = _read(BLUE_SHIELD_GRIEVANCE_ACK)

    assert reading.kind is DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT
    assert not reading.is_adverse, "it recalls the denial, but decides nothing"
    assert reading.reason == outcomes.GRIEVANCE_RECEIVED
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 10, 15)
    assert reading.grievance_date.quote == "We received your grievance on October 15, 2026."
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 10, 17)
    assert reading.reference_number is not None
    assert reading.reference_number.value == "BSC-GA-2026-118834"
    assert reading.member_id is not None
    assert reading.member_id.value == "XEB901234567"
    assert reading.insurer is not None
    assert reading.insurer.value == "Blue Shield of California"
    assert reading.decision is None
    assert reading.reasons == ()


def test_a_spanish_acknowledgement() -> None:
    reading = _read(IEHP_SPANISH_ACK)

    assert reading.kind is DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 2, 9)
    assert reading.reference_number is not None
    assert reading.reference_number.value == "IEHP-G-2026-00871"


@pytest.mark.parametrize(
    ("sentence", "received"),
    [
        ("Date received: 03/04/2026", date(2026, 3, 4)),
        ("We received your appeal dated March 1, 2026 on March 4, 2026.", date(2026, 3, 4)),
        ("On March 4, 2026 we received your written grievance.", date(2026, 3, 4)),
        ("We received your appeal dated March 1, 2026.", None),
        ("If we received your appeal on March 4, 2026, we will answer by April 3.", None),
    ],
)
def test_the_grievance_date_is_the_day_it_was_received(sentence: str, received: date) -> None:
    pages = [Page("letter.pdf", 1, f"Kaiser Permanente\nMarch 6, 2026\n\n{sentence}\n")]

    found = extract.find_grievance_date(pages)

    assert (found.value if found is not None else None) == received


# Approvals and reversals.


def test_an_anthem_appeal_approval_overturns_the_denial() -> None:
    reading = _read(ANTHEM_APPEAL_APPROVED)

    assert reading.kind is DocumentKind.APPROVAL
    assert reading.reason == outcomes.REVERSAL
    assert reading.decision is not None
    assert reading.decision.value is Decision.OVERTURNED
    assert reading.decision.quote == "We are overturning our decision."
    assert reading.reference_number is not None
    assert reading.reference_number.value == "APL-2026-0330-771"
    assert reading.reasons == ()
    assert reading.category is None


def test_a_plan_letter_citing_the_dmhc_case_is_the_plans_approval() -> None:
    reading = _read(BLUE_SHIELD_AFTER_IMR)

    assert reading.kind is DocumentKind.APPROVAL
    assert reading.decision is not None
    assert reading.decision.value is Decision.OVERTURNED
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "CM26-20981"
    assert reading.reference_number is not None
    assert reading.reference_number.value == "BSC-PA-55120987"


def test_an_approval_out_of_a_health_context_is_not_a_letter() -> None:
    body = "Congratulations! Your loan application has been approved. Click here to claim."

    assert read.read_message(as_email(body)).kind is DocumentKind.NOT_DENIAL


# Explanations of benefits.


def test_an_eob_with_denied_lines_reads_its_codes() -> None:
    reading = _read(HEALTH_NET_EOB_DENIED)

    assert reading.kind is DocumentKind.EOB
    assert reading.is_adverse
    assert reading.reason == verdict.EOB_DENIED
    assert [r.value.split(":")[0] for r in reading.reasons] == ["CO-197", "CO-50"]
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY, "CO-50 outranks CO-197"
    assert "CO-50" in reading.category.quote
    assert reading.service is not None
    assert reading.service.value == "MRI right knee (73721)"
    assert reading.reference_number is not None
    assert reading.reference_number.value == "2026-231-004412"
    assert reading.route is not None
    assert reading.route.value is Route.DMHC
    assert reading.urgent is None


@pytest.mark.parametrize("text", [EOB_NOTHING_DENIED, EOB_CONTRACTUAL_ONLY])
def test_an_eob_with_nothing_denied_is_not_a_denial(text: str) -> None:
    reading = _read(text)

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.reason == verdict.EOB_ONLY


_VERTICAL_EOB = """\
Aetna
Explanation of Benefits - THIS IS NOT A BILL
Claim ID: EA5550001   Member ID: W987654321

Service: Physical therapy evaluation (97161)   Date of service: 01/15/2026
Amount billed: $180.00
{line}
Plan paid: $0.00
"""


@pytest.mark.parametrize(
    ("line", "kind", "category"),
    [
        ("Status: Denied", DocumentKind.EOB, None),
        ("Reason code: 29   Your share: $180.00", DocumentKind.EOB, Category.ADMINISTRATIVE),
        ("Not covered: $180.00", DocumentKind.EOB, None),
        ("Not covered: $0.00", DocumentKind.NOT_DENIAL, None),
        ("Adjustment PR-2: $36.00", DocumentKind.NOT_DENIAL, None),
    ],
)
def test_eob_lines_in_a_vertical_layout(
    line: str, kind: DocumentKind, category: Category | None
) -> None:
    reading = _read(_VERTICAL_EOB.format(line=line))

    assert reading.kind is kind, reading.reason
    assert (reading.category.value if reading.category else None) == category


def test_an_eob_claim_line_wrapped_by_the_margin_is_read_whole() -> None:
    # PDF text: "... you owe" / "$320.00. Remark CARC" / "50." on three lines.
    reading = _read(EOB_WRAPPED)

    assert reading.kind is DocumentKind.EOB, reading.reason
    assert reading.service is not None
    assert reading.service.value == "Trigger point injections, 3 or more muscles"
    assert reading.category is not None
    assert reading.category.value is Category.MEDICAL_NECESSITY
    assert "Remark CARC\n50." in reading.category.quote
    assert reading.service_date is not None
    assert reading.service_date.value == date(2026, 5, 28)
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 6, 12), "the statement date"
    # "CARC 50: ..." is a legend entry; it stops where the next heading starts.
    assert [r.value.split(":")[0] for r in reading.reasons] == ["CARC 50"]
    assert "If you disagree" not in reading.reasons[0].value


def test_a_paid_line_that_wraps_is_not_denied() -> None:
    text = (
        "Explanation of Benefits\nTHIS IS NOT A BILL.\n"
        "Office visit, established patient (CPT 99213): billed $165.00, allowed $98.40, plan paid\n"
        "$78.40, you owe $20.00 (your copayment).\n"
    )

    reading = _read(text)

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.reason == verdict.EOB_ONLY


def test_an_eob_table_read_one_row_a_line_by_its_columns() -> None:
    # The remark column holds a bare "96"; the "Not covered" column the amount denied.
    reading = _read(EOB_PIPE_TABLE)

    assert reading.kind is DocumentKind.EOB, reading.reason
    assert reading.service is not None
    assert reading.service.value == "Knee brace, custom fitted"
    assert reading.service.quote.startswith("09/14/2026 | Knee brace")
    assert reading.category is not None
    assert reading.category.value is Category.NOT_COVERED
    assert [r.value for r in reading.reasons] == [
        "96: Non-covered charge. Custom knee braces are excluded from your durable medical "
        "equipment benefit."
    ], "the legend entry, without the next line"
    assert {(c.value.system, c.value.code) for c in reading.codes} >= {("HCPCS", "L1843")}


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ("09/14/2026 | Lab panel | 80053 | $96.00 | $12.00 | $0.00 | $10.00 | 45", None),
        ("09/14/2026 | Lab panel | 80053 | $96.00 | $0.00 | $96.00 | $0.00 |", DocumentKind.EOB),
        ("09/14/2026 | Lab panel | 80053 | $96.00 | $0.00 | $0.00 | $96.00 | 29", DocumentKind.EOB),
        ("09/14/2026 | Lab panel | 80053 | $96.00 | $0.00 | $0.00 | $96.00 | PR-3", None),
    ],
)
def test_each_table_row_by_its_code_and_not_covered_columns(
    row: str, kind: DocumentKind | None
) -> None:
    text = (
        "Explanation of Benefits - THIS IS NOT A BILL\n"
        "Date | Service | Code | Billed | Plan paid | Not covered | Your share | Remark\n"
        f"{row}\n"
    )

    reading = _read(text)

    assert reading.kind is (kind or DocumentKind.NOT_DENIAL), reading.reason


def test_the_carc_table_lists_denials_only() -> None:
    for cost_sharing in ("1", "2", "3", "45", "97"):
        assert cost_sharing not in carcs.DENYING_CARCS
    for denial in ("29", "50", "96", "197"):
        assert denial in carcs.DENYING_CARCS
    assert carcs.DENYING_CARCS["55"].category is Category.EXPERIMENTAL
    meanings = [c.meaning for c in carcs.DENYING_CARCS.values()]
    assert all(len(m) < 80 and "Usage" not in m for m in meanings)


# Letters from the DMHC itself.


def test_a_dmhc_acknowledgement_carries_the_case_number() -> None:
    reading = _read(DMHC_IMR_ACK)

    assert reading.kind is DocumentKind.DMHC_ACKNOWLEDGEMENT
    assert reading.reason == dmhc.DMHC_ACKNOWLEDGEMENT
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "CM26-12345"
    assert reading.dmhc_case_number.quote == "IMR Case #: CM26-12345"
    assert reading.reference_number is None, "the DMHC's number is not the plan's reference"
    assert reading.insurer is not None
    assert reading.insurer.value == "Kaiser Permanente"
    assert reading.member_id is not None
    assert reading.member_id.value == "11223344"
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 3, 3)
    assert reading.grievance_date is None
    assert reading.reasons == ()


def test_a_dmhc_decision_that_overturns_the_plan() -> None:
    reading = _read(DMHC_IMR_OVERTURNED)

    assert reading.kind is DocumentKind.DMHC_DECISION
    assert not reading.is_adverse
    assert reading.decision is not None
    assert reading.decision.value is Decision.OVERTURNED
    assert reading.decision.quote == "The reviewer overturned the health plan's decision."
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "CM26-20981"
    assert reading.insurer is not None
    assert reading.insurer.value == "Blue Shield of California"


@pytest.mark.parametrize(
    ("finding", "decision"),
    [
        ("The reviewer upheld the health plan's decision.", Decision.UPHELD),
        ("The reviewer found that the service is not medically necessary.", Decision.UPHELD),
        ("The reviewer found the surgery was medically necessary.", Decision.OVERTURNED),
    ],
)
def test_a_dmhc_decision_says_who_won(finding: str, decision: Decision) -> None:
    text = DMHC_IMR_OVERTURNED.replace(
        "The reviewer found that proton beam radiation therapy is likely to be more beneficial "
        "for you\nthan any available standard therapy. The reviewer overturned the health "
        "plan's decision.",
        finding,
    ).replace("must authorize the requested service", "will be notified")

    reading = _read(text)

    assert reading.kind is DocumentKind.DMHC_DECISION
    assert reading.decision is not None
    assert reading.decision.value is decision


def test_a_dmhc_request_for_information() -> None:
    reading = _read(DMHC_REQUEST_FOR_INFORMATION)

    assert reading.kind is DocumentKind.DMHC_CORRESPONDENCE
    assert reading.reason == dmhc.DMHC_REQUEST
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "2026-004512"
    assert reading.insurer is not None
    assert reading.insurer.value == "Health Net"


def test_a_dmhc_email_without_letterhead() -> None:
    body = (
        "Dear Jane Q. Patient,\n\nThank you for contacting the Department of Managed Health "
        "Care (DMHC) Help Center. We received your IMR application on March 1, 2026, about "
        "Kaiser Permanente. Your IMR case number is CM26-55555.\n\nHelp Center\n"
    )

    reading = read.read_message(as_email(body))

    assert reading.kind is DocumentKind.DMHC_ACKNOWLEDGEMENT
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "CM26-55555"


def test_a_dmhc_form_is_not_a_letter_and_does_not_hide_the_plans_decision() -> None:
    form = (
        "INDEPENDENT MEDICAL REVIEW (IMR) APPLICATION / COMPLAINT FORM\n"
        "Department of Managed Health Care\nHelp Center\n\nYour name: ____\n"
        "The DMHC will review your application.\n"
    )

    alone = read.read_message(as_pdf(form, name="imr-form.pdf"))
    beside = read.read_message(
        [*as_pdf(KAISER_GRIEVANCE_UPHELD), SourceText("imr-form.pdf", (form,))]
    )

    assert alone.kind is DocumentKind.NOT_DENIAL
    assert alone.reason == dmhc.DMHC_FORM
    assert beside.kind is DocumentKind.GRIEVANCE_DECISION


def test_a_dmhc_letter_outranks_the_plan_letter_it_came_with() -> None:
    sources = [
        *as_pdf(DMHC_IMR_ACK, "dmhc.pdf"),
        SourceText("denial.pdf", (KAISER_GRIEVANCE_UPHELD,)),
    ]

    reading = read.read_message(sources)

    assert reading.kind is DocumentKind.DMHC_ACKNOWLEDGEMENT
    assert reading.letter_date is not None
    assert reading.letter_date.document == "dmhc.pdf"


# Portal notices.


def test_a_portal_notice_carries_the_insurer_only() -> None:
    reading = read.read_message(as_email(KAISER_PORTAL_NOTICE))

    assert reading.kind is DocumentKind.PORTAL_NOTICE
    assert reading.reason == outcomes.PORTAL_NOTICE
    assert reading.insurer is not None
    assert reading.insurer.value == "Kaiser Permanente"
    assert (reading.member_id, reading.letter_date, reading.route) == (None, None, None)


def test_a_portal_notice_with_the_letter_attached_reads_the_letter() -> None:
    sources = [SourceText("email", (KAISER_PORTAL_NOTICE,)), *as_pdf(KAISER_MEDICAL_NECESSITY)[1:]]

    assert read.read_message(sources).kind is DocumentKind.DENIAL


def test_an_unreadable_letter_beats_a_portal_notice() -> None:
    sources = [SourceText("email", (KAISER_PORTAL_NOTICE,)), SourceText("scan.pdf", ("",))]

    assert read.read_message(sources).kind is DocumentKind.UNREADABLE


@pytest.mark.parametrize(
    "body",
    [
        "You have a new message! Log in to view it and meet singles near you.",
        "Thank you for your order. We received your request for a refund on March 3, 2026.",
        "The Justice Department has determined that the merger may proceed.",
    ],
)
def test_ordinary_mail_with_kind_words_is_not_a_letter(body: str) -> None:
    reading = read.read_message(as_email(body))

    assert reading.kind is DocumentKind.NOT_DENIAL
    assert reading.kind not in ADVERSE_KINDS


def test_decisions_named_in() -> None:
    assert kinds.decisions_named_in("We upheld our decision.") == {Decision.UPHELD}
    assert kinds.decisions_named_in("We are overturning our decision.") == {Decision.OVERTURNED}
    assert Decision.PARTIAL in kinds.decisions_named_in("Your appeal is approved in part.")
    assert kinds.decisions_named_in("Thank you for your letter.") == frozenset()


def test_a_megabyte_of_kind_words_is_read_quickly() -> None:
    words = (
        "We received your appeal on 01/02/2026 and upheld overturned IMR Case #: CM26-1 "
        "Department of Managed Health Care received your IMR CO-50 $0.00 Status: Denied "
    )
    junk = words * 6_000 + "(" * 200_000
    pages = (junk[:1_000_000], "\n".join(["CO-50 $1.00 denied"] * 50_000), " " * 1_000_000)

    started = time.perf_counter()
    reading = read.read_message([SourceText("email", (junk,)), SourceText("junk.pdf", pages)])
    elapsed = time.perf_counter() - started

    assert isinstance(reading, Reading)
    assert elapsed < 30, f"took {elapsed:.1f}s"


# Rules added for letters that real mail carries.


def test_the_dmhc_in_spanish_speaks_of_its_own_work_in_an_email() -> None:
    reading = read.read_message(as_email(DMHC_SPANISH_ACK_EMAIL))

    assert reading.kind is DocumentKind.DMHC_ACKNOWLEDGEMENT, reading.reason
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "IMR-2026-011852"
    assert reading.insurer is not None
    assert reading.insurer.value == "Molina Healthcare"


def test_the_dmhc_spanish_name_heads_its_letter() -> None:
    letter = (
        "Departamento de Atención Médica Administrada\nCentro de Ayuda\n"
        "980 Ninth Street, Suite 500, Sacramento, CA 95814-2725\n\n12 de agosto de 2026\n\n"
        "Número de caso: CM26-40211\n\nEstimada Sra. Paredes:\n\n"
        "Hemos recibido su queja sobre Health Net. Le escribiremos dentro de 30 días.\n"
    )

    reading = _read(letter)

    assert reading.kind is DocumentKind.DMHC_ACKNOWLEDGEMENT, reading.reason
    assert reading.dmhc_case_number is not None
    assert reading.dmhc_case_number.value == "CM26-40211"


def test_a_plan_letter_with_the_spanish_dmhc_statement_is_not_the_dmhc() -> None:
    letter = (
        "Health Net\nEstimada Guadalupe Reyes:\nRecibimos su queja el 16 de junio de 2026. Le "
        "enviaremos una decisión por escrito dentro de 30 días.\n"
        "El Departamento de Atención Médica Administrada de California es responsable de "
        "regular los planes de servicios de atención médica.\n"
    )

    assert _read(letter).kind is DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT


@pytest.mark.parametrize(
    "sentence",
    [
        "IEHP le enviará un Aviso de Resolución de Apelación dentro de 30 días.",
        "Puede pedir una Audiencia Estatal dentro de los 120 días a partir de la fecha del Aviso "
        "de Resolución de Apelación.",
        "You may ask for a State Hearing within 120 days of the date of the Notice of Appeal "
        "Resolution.",
        "We will send you a Notice of Appeal Resolution within 30 days.",
    ],
)
def test_a_notice_of_action_that_names_the_appeal_resolution_to_come_is_a_denial(
    sentence: str,
) -> None:
    letter = (
        "L.A. Care Health Plan\nNOTICE OF ACTION\nDear Member:\nWe denied your request for a "
        "power wheelchair because it is not medically necessary.\n" + sentence + "\n"
    )

    reading = _read(letter)

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.decision is None


def test_the_spanish_notice_of_action_reads_as_a_denial() -> None:
    reading = _read(MEDI_CAL_SPANISH_NOA)

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.route is not None
    assert reading.route.value is Route.MEDI_CAL


@pytest.mark.parametrize(
    "title",
    [
        "NOTICE OF APPEAL RESOLUTION",
        "Notice of Appeal Resolution (NAR) - Power wheelchair",
        "**AVISO DE RESOLUCIÓN DE APELACIÓN**",
    ],
)
def test_the_appeal_resolution_title_on_its_own_line_answers_an_appeal(title: str) -> None:
    letter = (
        f"L.A. Care Health Plan\n{title}\nDear Member:\nAfter review, we are keeping our "
        "decision to deny the power wheelchair. It is not medically necessary.\n"
    )

    reading = _read(letter)

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION, reading.reason
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD


def test_a_photographed_spanish_notice_reads_despite_ocr_errors() -> None:
    reading = _read(PHOTOGRAPHED_SPANISH_NOA)

    assert reading.kind is DocumentKind.DENIAL, reading.reason
    assert reading.category is not None
    assert reading.category.value is Category.EXPERIMENTAL
    assert reading.member_id is not None
    assert reading.member_id.value == "94418027C"
    assert reading.letter_date is not None
    assert reading.letter_date.value == date(2026, 3, 9)
    assert reading.route is not None
    assert reading.route.value is Route.MEDI_CAL


def test_a_marketing_footer_does_not_make_a_grievance_notice_a_newsletter() -> None:
    reading = read.read_message(as_email(GRIEVANCE_ACK_WITH_FOOTER))

    assert reading.kind is DocumentKind.GRIEVANCE_ACKNOWLEDGEMENT, reading.reason
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 9, 10)


def test_a_newsletter_that_explains_grievances_is_still_a_newsletter() -> None:
    body = (
        "Kaiser Permanente member newsletter - In this issue\n"
        "How to file a grievance: if you disagree with a decision, you can file a grievance "
        "and we will send you a written decision within 30 days.\n"
        "Manage preferences | Unsubscribe\n"
    )

    assert read.read_message(as_email(body)).kind is DocumentKind.NOT_DENIAL


def test_an_appeal_denied_again_is_a_grievance_decision() -> None:
    reading = read.read_message(as_email(APPEAL_DENIED_AGAIN))

    assert reading.kind is DocumentKind.GRIEVANCE_DECISION, reading.reason
    assert reading.decision is not None
    assert reading.decision.value is Decision.UPHELD
    assert reading.decision.quote.startswith("However, the appeal has also been denied")
    assert reading.grievance_date is not None
    assert reading.grievance_date.value == date(2026, 3, 2), "a date in markdown bold"
    assert reading.service is not None
    assert reading.service.value == "ZOLPIDEM 6.25 MG ER", "a dot between digits is a strength"


def test_a_dmhc_decision_carries_the_review_type_it_states() -> None:
    reading = _read(DMHC_URGENT_CARE_DECISION)

    assert reading.kind is DocumentKind.DMHC_DECISION
    assert reading.category is not None
    assert reading.category.value is Category.EMERGENCY_PAYMENT
    assert reading.category.quote == "Type of review: Urgent Care"
    assert reading.urgent is None, "urgent care is the IMR type, not an expedited review"


def test_a_dmhc_acknowledgement_names_no_category() -> None:
    assert _read(DMHC_IMR_ACK).category is None


def test_an_approval_carries_the_plans_phone() -> None:
    letter = SHARP_APPROVAL + "Questions? Call Customer Care at 1-858-555-0115 (TTY 711).\n"

    reading = _read(letter)

    assert reading.kind is DocumentKind.APPROVAL
    assert reading.appeal_phone is not None
    assert reading.appeal_phone.value == "1-858-555-0115"


def test_a_megabyte_of_eob_rows_is_read_quickly() -> None:
    head = "Explanation of Benefits - THIS IS NOT A BILL\nDate | Service | Billed | Remark\n"
    rows = "01/02/2026 | x | $1.00 | 50\n" * 40_000
    wraps = ("word " * 14 + "billed $1.00 you owe $1.00 Remark\n") * 20_000
    pages = ((head + rows)[:1_000_000], (head + wraps + "| 50 " * 200_000)[:1_000_000])

    started = time.perf_counter()
    reading = read.read_message(
        [SourceText("email", ("See attached.",)), SourceText("eob.pdf", pages)]
    )
    elapsed = time.perf_counter() - started

    assert reading.kind is DocumentKind.EOB
    assert elapsed < 10, f"took {elapsed:.1f}s"

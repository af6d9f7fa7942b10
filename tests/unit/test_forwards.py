"""unwrap: the patient's note and the insurer's original, whichever way it was forwarded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from denialwatch.errors import ParseError
from denialwatch.mail.forwards import MAX_DEPTH, unwrap
from denialwatch.mail.message import Attachment, ForwardStyle, Mail
from denialwatch.mail.parse import parse_mail

PATIENT = "pat@example.org"
PDF = Attachment("denial.pdf", "application/pdf", b"%PDF-1.4 the denial letter")
PACIFIC = timezone(timedelta(hours=-7))


def patient_mail(
    text: str,
    *,
    subject: str = "Fwd: Your claim",
    attachments: tuple[Attachment, ...] = (),
    date: datetime | None = datetime(2024, 3, 5, 10, 0, tzinfo=PACIFIC),
) -> Mail:
    return Mail(
        message_id="outer@example.org",
        sender_address=PATIENT,
        sender_name="Pat Doe",
        subject=subject,
        date=date,
        text=text,
        attachments=attachments,
    )


def email(body: str, *, sender: str, subject: str, attach: EmailMessage | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "someone@example.org"
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 10:00:00 -0800"
    message.set_content(body)
    if attach is not None:
        message.add_attachment(attach)
    return message.as_bytes()


GMAIL = """Can you help me appeal this?

Thanks,
Pat

---------- Forwarded message ---------
From: Blue Shield of California <noreply@blueshield.example>
Date: Wed, Feb 28, 2024 at 4:05 PM
Subject: Notice of denial
To: <pat@example.org>

We reviewed your request for physical therapy. It is denied.
"""


def test_no_forward() -> None:
    outer = patient_mail("Just a question about my plan.", subject="Question", attachments=(PDF,))
    forward = unwrap(outer)
    assert forward.style is ForwardStyle.NONE
    assert forward.original is None
    assert forward.note == ""
    assert forward.attachments == (PDF,)


def test_gmail_inline_forward() -> None:
    forward = unwrap(patient_mail(GMAIL, attachments=(PDF,)))
    assert forward.style is ForwardStyle.INLINE
    original = forward.original
    assert original is not None
    assert original.sender_address == "noreply@blueshield.example"
    assert original.sender_name == "Blue Shield of California"
    assert original.subject == "Notice of denial"
    assert original.date == datetime(2024, 2, 28, 16, 5, tzinfo=PACIFIC)
    assert original.text == "We reviewed your request for physical therapy. It is denied."
    assert forward.note == "Can you help me appeal this?\n\nThanks,\nPat"
    assert forward.attachments == (PDF,)


def test_zoneless_quoted_date_needs_the_outer_offset() -> None:
    original = unwrap(patient_mail(GMAIL, date=None)).original
    assert original is not None
    assert original.date is None


def test_note_drops_quotes_signature_and_sent_from_lines() -> None:
    text = (
        "Please look at this.\n> an older quoted line\nSent from my iPhone\n"
        "-- \nPat Doe\n555-0100\n" + GMAIL[GMAIL.index("----------") :]
    )
    assert unwrap(patient_mail(text)).note == "Please look at this."


def test_outlook_forward_in_spanish() -> None:
    text = (
        "Me negaron la terapia.\n\n"
        "________________________________\n"
        "De: Health Net <avisos@healthnet.example>\n"
        "Enviado: jueves, 29 de febrero de 2024 9:15\n"
        "Para: pat@example.org <pat@example.org>\n"
        "Asunto: Aviso de denegaci\u00f3n\n\n"
        "Su solicitud ha sido denegada.\n"
    )
    forward = unwrap(patient_mail(text, subject="RV: Aviso de denegaci\u00f3n"))
    original = forward.original
    assert forward.style is ForwardStyle.INLINE
    assert original is not None
    assert original.sender_address == "avisos@healthnet.example"
    assert original.subject == "Aviso de denegaci\u00f3n"
    assert original.date == datetime(2024, 2, 29, 9, 15, tzinfo=PACIFIC)
    assert original.text == "Su solicitud ha sido denegada."
    assert forward.note == "Me negaron la terapia."


def test_gmail_in_spanish_announces_mensaje_reenviado() -> None:
    text = (
        "---------- Mensaje reenviado ---------\n"
        "De: Kaiser <no-reply@kp.example>\n"
        "Fecha: mi\u00e9, 28 feb 2024 a las 16:05\n"
        "Asunto: Decisi\u00f3n\n"
        "Para: <pat@example.org>\n\nDenegado.\n"
    )
    original = unwrap(patient_mail(text, subject="")).original
    assert original is not None
    assert (original.sender_address, original.subject) == ("no-reply@kp.example", "Decisi\u00f3n")


def test_apple_mail_quoted_forward() -> None:
    text = (
        "> Begin forwarded message:\n>\n"
        "> From: Anthem <notices@anthem.example>\n"
        "> Subject: Prior authorization decision\n"
        "> Date: 28 February 2024 at 16:05:00 PST\n"
        "> To: pat@example.org\n>\n"
        "> Your prior authorization request is denied.\n"
    )
    original = unwrap(patient_mail(text, subject="Fwd: Prior authorization decision")).original
    assert original is not None
    assert original.sender_address == "notices@anthem.example"
    assert original.date == datetime(2024, 2, 28, 16, 5, tzinfo=timezone(timedelta(hours=-8)))
    assert original.text == "Your prior authorization request is denied."


def test_yahoo_one_line_header_block() -> None:
    text = (
        "  ----- Forwarded Message ----- From: Cigna <cigna@cigna.example>To: "
        '"pat@example.org" <pat@example.org>Sent: Wednesday, February 28, 2024, 04:05:00 PM '
        "PSTSubject: Coverage denied\n Your coverage request was denied.\n"
    )
    original = unwrap(patient_mail(text, subject="")).original
    assert original is not None
    assert (original.sender_address, original.subject) == ("cigna@cigna.example", "Coverage denied")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "-------- Mensaje reenviado --------\nAsunto: \tDenial\n"
            "Fecha: \tWed, 28 Feb 2024 16:05:00 -0800\nDe: \tPlan <plan@plan.example>\n"
            "Para: \tpat@example.org\n\n\n\nDenied.\n",
            id="thunderbird-es",
        ),
        pytest.param(
            "-----Original Message-----\nFrom: Plan <plan@plan.example>\n"
            "Sent: Wednesday, February 28, 2024 4:05 PM\nTo: Pat\nSubject: Denial\n\nDenied.\n",
            id="outlook-original-message",
        ),
        pytest.param(
            "*From:* Plan <plan@plan.example>\n*Sent:* Wednesday, February 28, 2024 4:05 PM\n"
            "*To:* pat@example.org\n*Subject:* Denial\n\nDenied.\n",
            id="outlook-web-bold",
        ),
        pytest.param(
            "Sent from my iPhone\n\nBegin forwarded message:\n\n"
            "From: Plan <plan@plan.example>\nDate: February 28, 2024 at 4:05:00 PM PST\n"
            "To: pat@example.org\nSubject: Denial\n\nDenied.\n",
            id="ios-mail",
        ),
    ],
)
def test_other_clients(text: str) -> None:
    forward = unwrap(patient_mail(text))
    original = forward.original
    assert original is not None
    assert (original.sender_address, original.subject) == ("plan@plan.example", "Denial")
    assert original.text == "Denied."
    assert forward.note == ""


def test_outlook_for_mac_wrote_line_takes_the_subject_from_the_outer_fw() -> None:
    text = (
        'On 28/02/2024 16:05, "Molina Healthcare" <appeals@molina.example> wrote:\n\n'
        "    Your request has been denied.\n"
    )
    forward = unwrap(patient_mail(text, subject="FW: Coverage decision"))
    original = forward.original
    assert forward.style is ForwardStyle.INLINE
    assert original is not None
    assert original.sender_address == "appeals@molina.example"
    assert original.sender_name == "Molina Healthcare"
    assert original.subject == "Coverage decision"
    assert original.text == "Your request has been denied."


def test_a_reply_is_not_a_forward() -> None:
    text = (
        "Thanks, I will call.\n\n"
        "________________________________\n"
        "From: Blue Shield <noreply@blueshield.example>\n"
        "Sent: Wednesday, February 28, 2024 4:05 PM\n"
        "To: pat@example.org\n"
        "Subject: Your claim\n\nWe need more information.\n"
    )
    assert unwrap(patient_mail(text, subject="RE: Your claim")).style is ForwardStyle.NONE
    wrote = "On Wed, Feb 28, 2024, Blue Shield <noreply@blueshield.example> wrote:\n> Hello\n"
    assert unwrap(patient_mail(wrote, subject="Re: Your claim")).style is ForwardStyle.NONE


def test_nested_forward_takes_the_innermost_original_not_from_the_patient() -> None:
    text = (
        "For my case.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Pat Doe <pat@example.org>\nDate: Thu, Feb 29, 2024 at 8:00 AM\n"
        "Subject: Fwd: Notice of denial\nTo: <pat.other@example.org>\n\n"
        "Saving this.\n\n" + GMAIL[GMAIL.index("----------") :]
    )
    original = unwrap(patient_mail(text)).original
    assert original is not None
    assert original.sender_address == "noreply@blueshield.example"


def test_insurer_quoting_the_patients_request_is_still_the_insurer() -> None:
    text = (
        "---------- Forwarded message ---------\n"
        "From: Blue Shield <noreply@blueshield.example>\nDate: Wed, Feb 28, 2024 at 4:05 PM\n"
        "Subject: RE: My request\nTo: <pat@example.org>\n\nDenied, see below.\n\n"
        "________________________________\n"
        "From: Pat Doe <pat@example.org>\nSent: Monday, February 26, 2024 9:00 AM\n"
        "To: Blue Shield <help@blueshield.example>\nSubject: My request\n\nPlease approve.\n"
    )
    original = unwrap(patient_mail(text)).original
    assert original is not None
    assert original.sender_address == "noreply@blueshield.example"
    assert original.text == "Denied, see below."


def test_a_chain_of_the_patients_own_messages_gives_the_outermost() -> None:
    text = (
        "---------- Forwarded message ---------\n"
        "From: Pat Doe <pat@example.org>\nDate: Thu, Feb 29, 2024 at 8:00 AM\n"
        "Subject: first\nTo: <x@example.org>\n\nOne.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Pat Doe <pat@example.org>\nDate: Wed, Feb 28, 2024 at 8:00 AM\n"
        "Subject: second\nTo: <y@example.org>\n\nTwo.\n"
    )
    original = unwrap(patient_mail(text)).original
    assert original is not None
    assert original.subject == "first"


def test_forward_as_attachment() -> None:
    insurer = EmailMessage()
    insurer["From"] = "Aetna <denials@aetna.example>"
    insurer["Subject"] = "Claim denied"
    insurer["Date"] = "Wed, 28 Feb 2024 16:05:00 -0800"
    insurer.set_content("Your claim is denied.")
    insurer.add_attachment(PDF.data, maintype="application", subtype="pdf", filename="denial.pdf")
    outer = EmailMessage()
    outer["From"] = f"Pat Doe <{PATIENT}>"
    outer["Subject"] = "Fwd: Claim denied"
    outer.set_content("See attached.\n\nSent from my iPhone")
    outer.add_attachment(PDF.data, maintype="application", subtype="pdf", filename="copy.pdf")
    outer.add_attachment(insurer)

    forward = unwrap(parse_mail(outer.as_bytes()))
    assert forward.style is ForwardStyle.ATTACHED
    assert forward.note == "See attached."
    original = forward.original
    assert original is not None
    assert (original.sender_address, original.subject) == ("denials@aetna.example", "Claim denied")
    assert original.text == "Your claim is denied."
    # The same PDF came twice; the enclosed message itself is not a document.
    assert [a.filename for a in forward.attachments] == ["copy.pdf"]


def test_attached_forward_of_an_inline_forward_reaches_the_insurer() -> None:
    earlier = email(GMAIL, sender=f"Pat Doe <{PATIENT}>", subject="Fwd: Notice of denial")
    outer_bytes = email(
        "Forwarding my forward.",
        sender=f"Pat Doe <{PATIENT}>",
        subject="Fwd: Fwd: Notice of denial",
        attach=message_from_bytes(earlier, policy=policy.default),
    )
    forward = unwrap(parse_mail(outer_bytes))
    assert forward.style is ForwardStyle.ATTACHED
    assert forward.original is not None
    assert forward.original.sender_address == "noreply@blueshield.example"


def test_an_enclosure_that_does_not_parse_is_kept_as_a_file() -> None:
    broken = Attachment(None, "message/rfc822", b"not really an email")

    def refuse(raw: bytes) -> Mail:
        raise ParseError("unreadable")

    forward = unwrap(patient_mail("See attached", attachments=(broken, PDF)), parse=refuse)
    assert forward.style is ForwardStyle.NONE
    assert forward.attachments == (broken, PDF)


def test_endless_enclosures_stop_at_the_depth_limit() -> None:
    calls = []

    def always_another(raw: bytes) -> Mail:
        calls.append(raw)
        nested = Attachment(None, "message/rfc822", raw + b"!")
        return Mail(None, "insurer@example.org", None, "again", None, "", (nested,))

    start = Attachment(None, "message/rfc822", b"x")
    forward = unwrap(patient_mail("", attachments=(start,)), parse=always_another)
    assert forward.style is ForwardStyle.ATTACHED
    assert len(calls) == MAX_DEPTH


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Wed, Feb 28, 2024 at 4:05 PM", datetime(2024, 2, 28, 16, 5, tzinfo=PACIFIC)),
        ("Wednesday, February 28, 2024 16:05", datetime(2024, 2, 28, 16, 5, tzinfo=PACIFIC)),
        ("Wed, 28 Feb 2024 16:05:00 +0000", datetime(2024, 2, 28, 16, 5, tzinfo=UTC)),
        ("jueves, 29 de febrero de 2024, 9:15", datetime(2024, 2, 29, 9, 15, tzinfo=PACIFIC)),
        ("02/28/2024 4:05 PM EST", datetime(2024, 2, 28, 21, 5, tzinfo=UTC)),
        ("28/02/2024 16:05", datetime(2024, 2, 28, 16, 5, tzinfo=PACIFIC)),
        ("sometime last week", None),
    ],
)
def test_printed_dates(printed: str, expected: datetime | None) -> None:
    text = (
        "---------- Forwarded message ---------\n"
        f"From: Insurer <i@example.org>\nDate: {printed}\nSubject: s\nTo: <pat@example.org>\n\nx\n"
    )
    original = unwrap(patient_mail(text)).original
    assert original is not None
    assert original.date == expected

"""parse_mail: plain values out of MIME, defects worded without content, ParseError only."""

from __future__ import annotations

import base64
import contextlib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from denialwatch.errors import ParseError
from denialwatch.mail.message import Mail
from denialwatch.mail.parse import parse_mail

PDF_BYTES = b"%PDF-1.4\n% a tiny stand-in; parse_mail does not read documents\n%%EOF\n"


def build(
    body: str | None = "Your request for physical therapy was denied.",
    *,
    subject: str = "Notice of adverse benefit determination",
    sender: str = "Blue Shield of California <NoReply@BlueShield.example>",
    date: str | None = "Wed, 27 Oct 2021 09:31:00 -0700",
    message_id: str | None = "<denial-1@blueshield.example>",
    html: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "patient@example.org"
    message["Subject"] = subject
    if date is not None:
        message["Date"] = date
    if message_id is not None:
        message["Message-ID"] = message_id
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message


def parse(message: EmailMessage) -> Mail:
    return parse_mail(message.as_bytes())


def test_headers_become_plain_values() -> None:
    message = build()
    message["In-Reply-To"] = "<request-7@example.org>"
    message["References"] = "<thread-1@example.org> <request-7@example.org>"
    mail = parse(message)
    assert mail.sender_address == "noreply@blueshield.example"
    assert mail.sender_name == "Blue Shield of California"
    assert mail.subject == "Notice of adverse benefit determination"
    assert mail.message_id == "denial-1@blueshield.example"
    assert mail.in_reply_to == "request-7@example.org"
    assert mail.references == ("thread-1@example.org", "request-7@example.org")
    assert mail.text == "Your request for physical therapy was denied."
    assert mail.defects == ()


def test_date_is_timezone_aware_in_the_senders_offset() -> None:
    mail = parse(build())
    assert mail.date == datetime(2021, 10, 27, 16, 31, tzinfo=UTC)
    assert mail.date is not None
    assert mail.date.utcoffset() == timedelta(hours=-7)


def test_missing_or_unreadable_date_is_none() -> None:
    assert parse(build(date=None)).date is None
    broken = parse(build(date="the day after tomorrow"))
    assert broken.date is None
    assert "malformed date header" in broken.defects


def test_encoded_words_are_decoded() -> None:
    message = build(subject="Denegaci\u00f3n de servicio", sender="Jos\u00e9 <jose@example.org>")
    mail = parse(message)
    assert mail.subject == "Denegaci\u00f3n de servicio"
    assert mail.sender_name == "Jos\u00e9"


def test_message_id_without_brackets_is_kept() -> None:
    message = build(message_id=None)
    message["Message-ID"] = "bare-id@example.org"
    assert parse(message).message_id == "bare-id@example.org"


def test_html_only_body_is_turned_into_text() -> None:
    mail = parse(build(None, html="<p>Your claim was <b>denied</b>.</p><p>Appeal by May 1.</p>"))
    assert mail.text == "Your claim was denied.\n\nAppeal by May 1."


def test_plain_alternative_wins_over_html() -> None:
    mail = parse(build("Plain version.", html="<p>HTML version.</p>"))
    assert mail.text == "Plain version."


def test_attachment_keeps_name_declared_type_and_decoded_bytes() -> None:
    message = build()
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="denial.pdf")
    mail = parse(message)
    assert [(a.filename, a.declared_type, a.data) for a in mail.attachments] == [
        ("denial.pdf", "application/pdf", PDF_BYTES)
    ]


def test_inline_image_without_a_name_is_an_attachment() -> None:
    message = build(None, html="<p>See the photo</p>")
    message.add_related(b"\xff\xd8\xff\xe0fake-jpeg", maintype="image", subtype="jpeg", cid="<p1>")
    mail = parse(message)
    assert [a.declared_type for a in mail.attachments] == ["image/jpeg"]
    assert mail.text == "See the photo"


def test_enclosed_message_stays_whole_as_an_attachment() -> None:
    original = build("We denied the MRI.", subject="MRI denial")
    original.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="a.pdf")
    outer = build("Please help with the attached.", sender="Pat <pat@example.org>", subject="Fwd")
    outer.add_attachment(original)
    mail = parse(outer)
    assert mail.text == "Please help with the attached."
    assert [a.declared_type for a in mail.attachments] == ["message/rfc822"]
    enclosed = parse_mail(mail.attachments[0].data)
    assert enclosed.subject == "MRI denial"
    assert enclosed.sender_address == "noreply@blueshield.example"
    assert enclosed.text == "We denied the MRI."
    assert [a.filename for a in enclosed.attachments] == ["a.pdf"]


def test_base64_encoded_enclosure_is_decoded() -> None:
    inner = build("Inner text.", subject="Inner").as_bytes()
    raw = (
        b"From: pat@example.org\r\nSubject: outer\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee attached\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(inner)
        + b"\r\n--b--\r\n"
    )
    mail = parse_mail(raw)
    assert parse_mail(mail.attachments[0].data).subject == "Inner"


def test_nesting_beyond_the_depth_limit_is_refused() -> None:
    message = build("level 0", subject="level 0")
    for level in range(1, 5):
        outer = build(f"level {level}", subject=f"level {level}")
        outer.add_attachment(message)
        message = outer
    raw = message.as_bytes()
    assert parse_mail(raw, max_depth=4).subject == "level 4"
    with pytest.raises(ParseError, match="more than 3 levels"):
        parse_mail(raw, max_depth=3)


def test_size_limit_is_checked_before_reading() -> None:
    raw = build("x" * 5000).as_bytes()
    with pytest.raises(ParseError, match="over the limit"):
        parse_mail(raw, max_bytes=1024)


@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n  "])
def test_empty_input_is_a_parse_error(raw: bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_mail(raw)


def test_missing_boundary_is_a_defect_not_a_failure() -> None:
    raw = (
        b"From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="never-used"\r\n\r\n'
        b"Secret body text without any boundary\r\n"
    )
    mail = parse_mail(raw)
    assert "missing MIME boundary" in mail.defects


def test_unknown_and_wrong_charsets_are_defects_and_the_text_survives() -> None:
    unknown = (
        b"From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nDenied\r\n"
    )
    mail = parse_mail(unknown)
    assert mail.text == "Denied"
    assert "unknown charset" in mail.defects
    wrong = (
        b"From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nDenegaci\xf3n\r\n"
    )
    mail = parse_mail(wrong)
    assert mail.text == "Denegaci\u00f3n"
    assert "undecodable charset" in mail.defects


def test_defects_never_quote_the_message() -> None:
    marker = "ZQXJ-private-marker"
    raw = (
        f"From: {marker} <<<@@\r\nDate: {marker}\r\nSubject: {marker}\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{marker}"\r\n\r\n{marker}\r\n'
    ).encode()
    mail = parse_mail(raw)
    assert mail.defects
    assert not any(marker.lower() in defect.lower() for defect in mail.defects)


def test_a_message_that_is_only_an_enclosure() -> None:
    inner = build("Inner", subject="Inner").as_bytes()
    raw = b"From: pat@example.org\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"
    mail = parse_mail(raw + inner)
    assert mail.text == ""
    assert parse_mail(mail.attachments[0].data).subject == "Inner"


@given(st.binary(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_a_mail_or_a_parse_error(raw: bytes) -> None:
    with contextlib.suppress(ParseError):
        assert isinstance(parse_mail(raw), Mail)


@given(st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_corrupted_real_messages_give_a_mail_or_a_parse_error(data: st.DataObject) -> None:
    message = build("Body", html="<p>Body</p>")
    message.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="d.pdf")
    raw = bytearray(message.as_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position : position + 1] = data.draw(st.binary(min_size=0, max_size=4))
    with contextlib.suppress(ParseError):
        assert isinstance(parse_mail(bytes(raw)), Mail)


def test_utc_only_when_the_header_has_no_offset() -> None:
    mail = parse(build(date="Wed, 27 Oct 2021 09:31:00 -0000"))
    assert mail.date == datetime(2021, 10, 27, 9, 31, tzinfo=UTC)
    assert mail.date is not None
    assert mail.date.utcoffset() == timedelta(0)


def test_a_plain_part_that_is_a_stub_of_its_html_twin_gives_way_to_the_html() -> None:
    """A client kept only the forward's headers in text/plain; the letter is in the HTML."""
    message = EmailMessage()
    message["From"] = "Teresa <teresa@example.com>"
    message["Subject"] = "Fwd: We received your grievance"
    message.set_content(
        "---------- Forwarded message ---------\nFrom: Plan <no-reply@plan.example>\n"
    )
    letter = "<p>We received your grievance on March 20, 2026.</p>" * 12
    message.add_alternative(f"<html><body>{letter}</body></html>", subtype="html")
    mail = parse_mail(bytes(message))
    assert "We received your grievance on March 20, 2026." in mail.text


def test_a_full_plain_part_is_kept_even_beside_a_richer_html_part() -> None:
    message = EmailMessage()
    message["From"] = "Teresa <teresa@example.com>"
    message.set_content("We denied your request because it is not medically necessary. " * 5)
    message.add_alternative("<p>We denied your request.</p>" * 8, subtype="html")
    assert parse_mail(bytes(message)).text.startswith("We denied your request because")

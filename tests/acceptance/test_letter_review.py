"""The letter from draft to final packet, through the real inbox, SMTP server and command line.

A patient gets the draft as a Word file and a PDF holding their case's facts and no one
else's; they answer with an edited Word file or with the blanks filled in the email itself,
and each answer becomes a new version sent back to them. The operator reviews, edits and
imports versions from the command line; approval is refused while a blank remains, and the
approved version alone makes the final packet, which the patient gets in an email that says
it is the final one.
"""

from __future__ import annotations

import email
import io
import re
import tomllib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default
from importlib import resources
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest

from denialwatch.config import Security
from tests.acceptance.cli import denialwatch, denialwatch_json, write_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.imap

SAMPLES = resources.files("denialwatch") / "samples"
KAISER = "01-kaiser-denial-gmail-forward.eml"
BLUE_SHIELD = "03-blue-shield-experimental-outlook-attachment.eml"
PLACEHOLDER = re.compile(r"\[\[[^\[\]]+\]\]")
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def facts(name: str) -> dict[str, Any]:
    data = tomllib.loads((SAMPLES / "manifest.toml").read_text(encoding="utf-8"))
    [sample] = [s for s in data["sample"] if s["file"] == name]
    return dict(sample["facts"]) | {"sender": sample["sender"]}


@pytest.fixture
def configured(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer, database_url: str
) -> Path:
    return write_config(
        tmp_path / "denialwatch.toml",
        inbox=imap_account.inbox_config(Security.TLS),
        outgoing=smtp_server.outgoing_config(),
        database_url=database_url,
        storage=tmp_path / "documents",
    )


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    return message


def files_of(message: EmailMessage) -> dict[str, bytes]:
    found = {}
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found[str(part.get_filename())] = payload
    return found


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def open_cases(configured: Path, account: ImapAccount, *names: str) -> list[dict[str, Any]]:
    for name in names:
        account.append((SAMPLES / name).read_bytes())
    denialwatch(configured, "run", "--once")
    return [
        denialwatch_json(configured, "cases", "show", str(c["id"]))
        for c in (denialwatch_json(configured, "cases", "list"))
    ]


def sent_to(smtp: SmtpServer, address: str) -> list[EmailMessage]:
    return [parsed(mail.raw) for mail in smtp.received if address in mail.rcpt_tos]


def filled(text: str) -> str:
    """Every blank answered, as a patient would in Word."""
    return PLACEHOLDER.sub(lambda m: f"answer {m.start()}", text)


def edited_docx(data: bytes) -> bytes:
    """The draft opened in a word processor, every blank typed over, saved."""
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if "[[" in paragraph.text:
            text = filled(paragraph.text)
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraph.runs[0].text = text
            paragraph.runs[0].font.highlight_color = None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reply(
    first: EmailMessage, sender: str, text: str, attachment: tuple[str, bytes] | None = None
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = str(first["From"])
    message["Subject"] = f"Re: {first['Subject']}"
    message["Date"] = email.utils.format_datetime(datetime.now(UTC))
    message["Message-ID"] = f"<letter-reply-{abs(hash(text))}@mail.example.com>"
    message["In-Reply-To"] = str(first["Message-ID"])
    message["References"] = str(first["Message-ID"])
    message.set_content(f"{text}\n\n> We opened a case for your denial.\n")
    if attachment is not None:
        name, data = attachment
        message.add_attachment(data, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=name)
    return bytes(message)


def test_each_draft_holds_its_own_cases_facts_as_word_and_pdf(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    open_cases(configured, imap_account, KAISER, BLUE_SHIELD)
    kaiser, blue_shield = facts(KAISER), facts(BLUE_SHIELD)
    for mine, other in ((kaiser, blue_shield), (blue_shield, kaiser)):
        [opened] = sent_to(smtp_server, mine["sender"])
        files = files_of(opened)
        [word] = [name for name in files if name.endswith(".docx")]
        [pdf] = [name for name in files if name.endswith(".pdf")]
        assert word.startswith("IMR-letter-DW-")
        assert word.endswith("-v1.docx")
        for text in (docx_text(files[word]), pdf_text(files[pdf])):
            assert mine["member_id"] in text
            assert mine["reference_number"] in text
            assert mine["letter_date_text"] in text
            assert "[[" in text
            for fact in ("member_id", "reference_number", "insurer"):
                assert other[fact] not in text, fact
        assert "Word" in plain(opened)


def test_an_edited_word_file_in_a_reply_becomes_the_next_version(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    [case] = open_cases(configured, imap_account, KAISER)
    sender = facts(KAISER)["sender"]
    [opened] = sent_to(smtp_server, sender)
    files = files_of(opened)
    [word] = [name for name in files if name.endswith(".docx")]
    imap_account.append(
        reply(opened, sender, "Here is my letter.", (word, edited_docx(files[word])))
    )
    denialwatch(configured, "run", "--once")

    case = denialwatch_json(configured, "cases", "show", str(case["id"]))
    letter = case["letter"]
    assert [v["version"] for v in letter["versions"]] == [1, 2]
    assert letter["version"] == 2
    assert letter["status"] == "draft"
    shown = denialwatch_json(configured, "letter", "show", str(case["id"]))
    assert shown["source"] == "patient_file"
    assert shown["placeholders"] == []
    assert facts(KAISER)["member_id"] in shown["text"]
    messages = denialwatch_json(configured, "messages", "list")
    assert messages[-1]["state"] == "attached"

    answer = sent_to(smtp_server, sender)[-1]
    assert "version 2" in str(answer["Subject"])
    assert "Nothing is left to fill in" in plain(answer)
    assert sorted(files_of(answer)) == [
        f"IMR-letter-{case['number']}-v2.docx",
        f"IMR-letter-{case['number']}-v2.pdf",
    ]


def test_blanks_answered_in_the_email_fill_the_letter(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    [case] = open_cases(configured, imap_account, KAISER)
    sender = facts(KAISER)["sender"]
    [opened] = sent_to(smtp_server, sender)
    imap_account.append(
        reply(
            opened,
            sender,
            "Hi,\n\nYOUR DATE OF BIRTH: April 12, 1961\n\n"
            "YOUR DOCTOR: Dr. Ana Ruiz, orthopedic surgeon",
        )
    )
    denialwatch(configured, "run", "--once")

    shown = denialwatch_json(configured, "letter", "show", str(case["id"]))
    assert shown["version"] == 2
    assert shown["source"] == "patient_text"
    assert "April 12, 1961" in shown["text"]
    assert "Dr. Ana Ruiz, orthopedic surgeon" in shown["text"]
    assert not any(p.startswith("[[YOUR DATE OF BIRTH") for p in shown["placeholders"])
    assert shown["placeholders"]  # the rest are still open
    answer = sent_to(smtp_server, sender)[-1]
    assert "still has" in plain(answer)


def test_approval_waits_for_every_blank_then_the_final_packet_goes_out(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    [case] = open_cases(configured, imap_account, KAISER)
    number = case["number"]
    refused = denialwatch(configured, "letter", "approve", number, check=False)
    assert refused.returncode != 0
    assert "placeholder" in refused.stderr
    assert denialwatch_json(configured, "letter", "show", number)["status"] == "draft"

    draft = denialwatch(configured, "letter", "show", number).stdout
    edited = tmp_path / "edited.md"
    edited.write_text(filled(draft), encoding="utf-8")
    denialwatch(configured, "letter", "import", number, str(edited), "--no-send")
    approved = denialwatch(configured, "letter", "approve", number)
    assert "approved version 2" in approved.stdout
    denialwatch(configured, "run", "--once")

    sender = facts(KAISER)["sender"]
    final = sent_to(smtp_server, sender)[-1]
    assert "final packet" in str(final["Subject"]).lower()
    assert "final packet" in plain(final)
    [packet_name] = files_of(final)
    packet = files_of(final)[packet_name]
    text = pdf_text(packet)
    assert text.index("Your Independent Medical Review packet") < text.index(
        facts(KAISER)["member_id"]
    )
    assert "Certified Mail" in text
    assert "Authorized Assistant Form" in text
    assert "980 Ninth Street" in text
    assert "916-255-5241" in text
    assert "DRAFT" not in text
    # The copy of the plan's letter is in the packet, after the letter.
    assert text.count(facts(KAISER)["reference_number"]) >= 2

    shown = denialwatch_json(configured, "cases", "show", number)
    assert shown["letter"]["status"] == "approved"
    assert [e["kind"] for e in shown["events"]][-2:] == ["letter_approved", "packet_sent"]


def test_the_operator_renders_edits_and_renders_the_draft_packet(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    [case] = open_cases(configured, imap_account, KAISER)
    number = case["number"]
    for fmt in ("docx", "pdf", "packet"):
        out = tmp_path / f"letter.{fmt}"
        denialwatch(configured, "letter", "render", number, "--format", fmt, "-o", str(out))
        assert out.stat().st_mode & 0o777 == 0o600
    assert "DRAFT" in pdf_text((tmp_path / "letter.packet").read_bytes())
    assert facts(KAISER)["member_id"] in docx_text((tmp_path / "letter.docx").read_bytes())

    # $EDITOR is any program that changes the file it is given.
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/Sincerely,/With thanks,/' \"$1\"\n")
    editor.chmod(0o700)
    before = len(smtp_server.received)
    result = denialwatch(configured, "letter", "edit", number, env={"EDITOR": str(editor)})
    assert "saved version 2" in result.stdout
    assert "With thanks," in denialwatch(configured, "letter", "show", number).stdout
    denialwatch(configured, "run", "--once")
    assert len(smtp_server.received) == before + 1  # the new version, for the patient to read

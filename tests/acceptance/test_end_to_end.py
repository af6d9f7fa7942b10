"""End to end through the real command line, a real Dovecot inbox and a real SMTP server.

A patient forwards a denial with its PDF inline from Gmail, another forwards one as an
attachment from Outlook, and a plan newsletter arrives too. One ``run --once`` must open two
cases, mark the newsletter ``not_denial``, email both patients, and file every message; a
second ``run --once`` must change nothing and send nothing.
"""

from __future__ import annotations

import email
import tomllib
from email.message import EmailMessage
from email.policy import default
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from denialwatch.config import Security
from tests.acceptance.cli import denialwatch, denialwatch_json, write_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.imap

SAMPLES = resources.files("denialwatch") / "samples"
GMAIL_INLINE = "01-kaiser-denial-gmail-forward.eml"
OUTLOOK_ATTACHED = "03-blue-shield-experimental-outlook-attachment.eml"
NEWSLETTER = "06-plan-newsletter-not-a-denial.eml"


def manifest() -> dict[str, dict[str, Any]]:
    data = tomllib.loads((SAMPLES / "manifest.toml").read_text(encoding="utf-8"))
    return {sample["file"]: sample for sample in data["sample"]}


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=default)
    assert isinstance(message, EmailMessage)
    return message


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


def test_forwarded_denials_become_cases_letters_and_emails(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    expected = manifest()
    for name in (GMAIL_INLINE, OUTLOOK_ATTACHED, NEWSLETTER):
        imap_account.append((SAMPLES / name).read_bytes())

    denialwatch(configured, "run", "--once")

    messages = denialwatch_json(configured, "messages", "list")
    by_id = {m["message_id"]: m for m in messages}
    assert len(messages) == 3
    states = {}
    for name in (GMAIL_INLINE, OUTLOOK_ATTACHED, NEWSLETTER):
        message = by_id[expected[name]["message_id"].strip("<>")]
        states[name] = message["state"]
        assert message["folder"] == "INBOX"
        assert message["uid"]
        assert message["reason"]
    assert states == {GMAIL_INLINE: "case", OUTLOOK_ATTACHED: "case", NEWSLETTER: "not_denial"}
    newsletter = by_id[expected[NEWSLETTER]["message_id"].strip("<>")]
    assert newsletter["case_id"] is None
    assert newsletter["document_kind"] == "not_denial"

    # The inbox is empty; the denials are in processed, the newsletter in review.
    assert imap_account.messages("INBOX") == []
    assert len(imap_account.messages("denialwatch/processed")) == 2
    review = imap_account.messages("denialwatch/review")
    assert len(review) == 1
    assert parsed(review[0].raw)["Message-ID"] == expected[NEWSLETTER]["message_id"]

    # Each case holds what the letter says, with the quote each value came from.
    cases = denialwatch_json(configured, "cases", "list")
    assert len(cases) == 2
    for name in (GMAIL_INLINE, OUTLOOK_ATTACHED):
        sample = expected[name]
        facts = sample["facts"]
        case_id = by_id[sample["message_id"].strip("<>")]["case_id"]
        case = denialwatch_json(configured, "cases", "show", str(case_id))
        assert case["patient_email"] == sample["sender"]
        assert case["insurer"] == facts["insurer"]
        assert case["regulator"] == facts["route"]
        assert case["category"] == facts["category"]
        assert case["member_id"] == facts["member_id"]
        assert case["reference_number"] == facts["reference_number"]
        assert case["letter_date"] == facts["letter_date"].isoformat()
        assert case["urgent"] is facts["urgent"]
        for field in ("insurer", "member_id", "reference_number", "letter_date"):
            assert case["extracted"][field]["quote"], field
        assert facts["member_id"] in case["extracted"]["member_id"]["quote"]
        assert {"raw_email", "attachment"} <= {d["role"] for d in case["documents"]}
        if name == GMAIL_INLINE:  # the patient's own words above the forward are kept
            assert case["notes"]
            assert case["notes"][0]["text"]
        assert any(d["kind"] == "pdf" and d["pages"] for d in case["documents"])
        assert [e["kind"] for e in case["events"]][:2] == ["denial_received", "letter_drafted"]
        letter = case["letter"]
        assert letter["status"] == "draft"
        text = Path(letter["path"]).read_text(encoding="utf-8")
        assert facts["member_id"] in text
        assert facts["reference_number"] in text
        assert "[[" in text  # what only the patient or doctor knows stays a visible placeholder
        assert case["emails"][0]["status"] == "sent"

    # Two patient emails, one per case, each with its case number, the next step and the draft.
    assert len(smtp_server.received) == 2
    for mail in smtp_server.received:
        message = mail.message
        case_tag = message["Subject"].split("]")[0].strip("[")
        assert case_tag.startswith("DW-")
        assert message["Message-ID"].startswith(f"<case-{int(case_tag[3:])}.opened@")
        assert message["Auto-Submitted"] == "auto-generated"
        body = message.get_body(("plain",))
        html = message.get_body(("html",))
        assert body is not None
        assert html is not None
        text = body.get_content()
        assert case_tag in text
        assert "YOUR NEXT STEP" in text
        assert "1-888-466-2219" in text
        files = sorted(str(p.get_filename()) for p in message.iter_attachments())
        # The draft letter to edit (Word) and to read (PDF), and the case's dates.
        assert files == [
            f"{case_tag}-dates.ics",
            f"IMR-letter-{case_tag}-v1.docx",
            f"IMR-letter-{case_tag}-v1.pdf",
        ]
    recipients = sorted(r for mail in smtp_server.received for r in mail.rcpt_tos)
    assert recipients == sorted(expected[n]["sender"] for n in (GMAIL_INLINE, OUTLOOK_ATTACHED))

    # A second pass finds nothing to do and sends nothing.
    before = (messages, denialwatch_json(configured, "cases", "list"))
    result = denialwatch(configured, "run", "--once")
    assert "fetched 0, processed 0, filed 0, reminders 0, sent 0, errors 0" in result.stdout
    after = (
        denialwatch_json(configured, "messages", "list"),
        denialwatch_json(configured, "cases", "list"),
    )
    assert after == before
    assert len(smtp_server.received) == 2


def test_a_second_email_about_the_same_denial_joins_its_case(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    imap_account.append((SAMPLES / GMAIL_INLINE).read_bytes())
    denialwatch(configured, "run", "--once")
    imap_account.append((SAMPLES / "02-kaiser-follow-up-same-case.eml").read_bytes())
    denialwatch(configured, "run", "--once")

    messages = denialwatch_json(configured, "messages", "list")
    assert [m["state"] for m in messages] == ["case", "attached"]
    assert messages[0]["case_id"] == messages[1]["case_id"]
    assert len(denialwatch_json(configured, "cases", "list")) == 1
    case = denialwatch_json(configured, "cases", "show", str(messages[0]["case_id"]))
    assert [e["kind"] for e in case["events"]][-1] == "message_attached"
    assert len(imap_account.messages("denialwatch/processed")) == 2
    subjects = [m.message["Subject"] for m in smtp_server.received]
    assert len(subjects) == 2
    assert "added your email" in subjects[1]


def test_the_same_message_delivered_twice_is_ingested_once(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    raw = (SAMPLES / GMAIL_INLINE).read_bytes()
    imap_account.append(raw)
    imap_account.append(raw)
    denialwatch(configured, "run", "--once")
    messages = denialwatch_json(configured, "messages", "list")
    assert len(messages) == 1
    assert messages[0]["state"] == "case"
    assert len(imap_account.messages("denialwatch/processed")) == 2
    assert len(smtp_server.received) == 1


def test_logs_carry_no_health_information(
    configured: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    """At DEBUG, the log names ids and UIDs, never a patient, a plan's words or a subject."""
    expected = manifest()
    for name in expected:
        imap_account.append((SAMPLES / name).read_bytes())
    result = denialwatch(configured, "--log-level", "debug", "run", "--once")
    log = result.stderr
    assert "pass done" in log
    secrets = [imap_account.password]
    for sample in expected.values():
        message = parsed((SAMPLES / sample["file"]).read_bytes())
        secrets += [sample["sender"], str(message["Subject"]), sample["message_id"].strip("<>")]
        for key, value in sample.get("facts", {}).items():
            if key in ("member_id", "reference_number", "service", "reason", "letter_date_text"):
                secrets.append(str(value))
        secrets += message["From"].addresses[0].display_name.split()
    leaked = sorted({s for s in secrets if len(s) > 3 and s in log})
    assert leaked == []

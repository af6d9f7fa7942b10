"""Private by construction: no health information and no secret in any log line.

The whole service runs through the real command line at ``--log-level debug``, against a
real Dovecot inbox and a real SMTP server that asks for a password, on emails that carry
seeded values found nowhere else: a patient's name, member ID, diagnosis, service,
reference number, address and subject. A denial is forwarded, the patient replies in the
case's thread (once understandably, once not), a damaged email, an email nested too deep to
read and an encrypted letter arrive; then the operator looks at everything with ``cases``,
``messages`` and ``reminders``. Every line the processes log (stderr, and the daemon's own
stdout) is searched for every seeded value and for both passwords. The JSON and text the
operator's commands print on stdout are case data shown on purpose, and are not searched.
"""

from __future__ import annotations

import dataclasses
import email.utils
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fpdf import FPDF

from denialwatch.config import Security
from tests.acceptance.cli import denialwatch, denialwatch_json, write_config
from tests.builders import SAMPLE_LETTERS, Party, forward_gmail_inline, insurer_email
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SMTP_CREDENTIALS, SmtpServer

pytestmark = pytest.mark.imap

NAME = "Zebulon Quagmirefield"
ADDRESS = "zebulon.quagmirefield@example.net"
MEMBER_ID = "QX7729104455"
REFERENCE = "BSC-UM-938271-6604"
DIAGNOSIS = "Fibrodysplasia ossificans progressiva"
SERVICE = "Palovarotene quillanex infusion therapy"
SUBJECT = "Determination VZ3391 on your prior authorization request"
REPLY_WORDS = "my cousin Ozymandias Krebsfeldt drove me to the clinic"
NOTE = "Please help, this is about my FOP flare-ups (Wexhollow clinic)"

SEEDED = (
    NAME,
    "Quagmirefield",
    ADDRESS,
    MEMBER_ID,
    REFERENCE,
    DIAGNOSIS,
    "ossificans",
    SERVICE,
    "quillanex",
    SUBJECT,
    "VZ3391",
    "Krebsfeldt",
    "Ozymandias",
    "Wexhollow",
)

T = TypeVar("T")


def swapped(value: T, replacements: dict[str, str]) -> T:
    """``value`` with every string inside it (dataclasses, tuples) rewritten."""
    if isinstance(value, str):
        for old, new in replacements.items():
            value = value.replace(old, new)  # type: ignore[assignment]
        return value
    if isinstance(value, tuple):
        return type(value)(swapped(v, replacements) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: swapped(getattr(value, f.name), replacements) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def seeded_denial() -> tuple[Party, bytes]:
    """The Blue Shield denial, rewritten for a patient and a condition invented here."""
    sample = SAMPLE_LETTERS["blue_shield_experimental"]
    assert sample.facts is not None
    replacements = {
        sample.subject: SUBJECT,
        sample.patient.address: ADDRESS,
        sample.facts.member_id: MEMBER_ID,
        sample.facts.reference_number: REFERENCE,
        "Proton beam radiation therapy": SERVICE,
        "proton beam radiation therapy": SERVICE.lower(),
        "prostate cancer": DIAGNOSIS.lower(),
        sample.patient.name: NAME,
        "Gregory": "Zebulon",
        "Tanaka": "Quagmirefield",
    }
    seeded = swapped(sample, replacements)
    original = insurer_email(
        seeded,
        message_id="<vz3391.notice@bsc-notices.example.com>",
        date=datetime(2026, 4, 2, 17, 40, tzinfo=UTC),
    )
    forward = forward_gmail_inline(
        original,
        seeded.patient,
        note=f"{NOTE}. {DIAGNOSIS} is what I have.",
        message_id="<CAfwd-vz3391@mail.gmail.com>",
        date=datetime(2026, 4, 3, 16, 0, tzinfo=UTC),
    )
    return seeded.patient, forward


def plain_email(subject: str, body: str, message_id: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{NAME} <{ADDRESS}>"
    message["To"] = "Denial Help <denials@denialwatch.example.org>"
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(datetime(2026, 4, 20, 18, 0, tzinfo=UTC))
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def encrypted_letter() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="birthday-0412")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(w=0, text=f"Member: {NAME}\nMember ID: {MEMBER_ID}\nDiagnosis: {DIAGNOSIS}")
    message = plain_email(f"Fwd: {SUBJECT}", f"{NOTE}. Letter attached.", "<enc-vz3391@x.example>")
    message.add_attachment(
        bytes(pdf.output()), maintype="application", subtype="pdf", filename="Quagmirefield.pdf"
    )
    return bytes(message)


def damaged_email() -> bytes:
    """A multipart email whose boundary never appears, and headers that do not parse."""
    return (
        f"From: {NAME} <{ADDRESS}>\r\n"
        f"Subject: =?x-unknown?q?{SUBJECT.replace(' ', '_')}?=\r\n"
        f"Date: 31 Febtober 2026 25:61\r\n"
        "Message-ID: <damaged-vz3391@x.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="never-there"\r\n'
        "\r\n"
        f"{DIAGNOSIS} {MEMBER_ID} {REFERENCE}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64!!!\r\n"
    ).encode()


def nested_too_deep() -> bytes:
    """A forward of a forward... eleven levels deep: refused unread."""
    inner = plain_email(SUBJECT, f"{DIAGNOSIS} {MEMBER_ID}", "<deep-0-vz3391@x.example>")
    for level in range(1, 12):
        outer = plain_email(f"Fwd: {SUBJECT}", NOTE, f"<deep-{level}-vz3391@x.example>")
        outer.add_attachment(inner)
        inner = outer
    return bytes(inner)


def reply(text: str, in_reply_to: str, number: int) -> bytes:
    message = plain_email(
        f"Re: {SUBJECT}",
        f"{text}\n\nOn Fri, Apr 3, 2026, Denial Help wrote:\n> We opened a case.\n",
        f"<reply-{number}-vz3391@mail.example.net>",
        In_Reply_To=in_reply_to,
        References=in_reply_to,
    )
    return bytes(message)


@pytest.fixture
def configured(
    tmp_path: Path, imap_account: ImapAccount, smtp_server_starttls: SmtpServer, database_url: str
) -> Path:
    return write_config(
        tmp_path / "denialwatch.toml",
        inbox=imap_account.inbox_config(Security.TLS),
        outgoing=smtp_server_starttls.outgoing_config(),
        database_url=database_url,
        storage=tmp_path / "documents",
    )


def logged(result: Any, *, with_stdout: bool) -> list[str]:
    text = str(result.stderr) + (str(result.stdout) if with_stdout else "")
    return text.splitlines()


def test_no_seeded_value_or_secret_in_any_log_line(
    configured: Path, imap_account: ImapAccount, smtp_server_starttls: SmtpServer
) -> None:
    smtp = smtp_server_starttls
    debug = ("--log-level", "debug")
    lines: list[str] = []

    def daemon(*args: str) -> None:
        lines.extend(logged(denialwatch(configured, *debug, *args), with_stdout=True))

    def operator(*args: str) -> Any:
        result = denialwatch(configured, *debug, *args)
        lines.extend(logged(result, with_stdout=False))
        return result

    _, forward = seeded_denial()
    for raw in (forward, damaged_email(), nested_too_deep(), encrypted_letter()):
        imap_account.append(raw)
    daemon("run", "--once")

    [opened] = [m.message for m in smtp.received if ADDRESS in m.rcpt_tos]
    thread = str(opened["Message-ID"])
    imap_account.append(reply(f"I filed the grievance on 4/10. {REPLY_WORDS}.", thread, 1))
    imap_account.append(reply(f"Wexhollow says {REPLY_WORDS}, {DIAGNOSIS}?", thread, 2))
    daemon("run", "--once")
    daemon("run", "--once")

    messages = denialwatch_json(configured, "messages", "list")
    states = sorted(str(m["state"]) for m in messages)
    assert "case" in states, messages
    assert "needs_review" in states, messages
    [case] = denialwatch_json(configured, "cases", "list")
    shown = denialwatch_json(configured, "cases", "show", str(case["id"]))
    # The seeds were read: what the operator is shown holds them, so their absence from the
    # logs below means something.
    assert shown["member_id"] == MEMBER_ID
    assert shown["patient_email"] == ADDRESS

    operator("cases", "list")
    operator("cases", "list", "--json")
    operator("cases", "show", str(case["id"]))
    operator("cases", "show", str(case["id"]), "--json")
    operator("messages", "list")
    operator("messages", "list", "--json")
    operator("reminders", "list")
    operator("reminders", "list", "--due", "--json")
    operator("cases", "event", "add", str(case["id"]), "grievance_decision_received", "--note",
             f"{NAME} called about {DIAGNOSIS}")  # fmt: skip
    operator("check-config")
    daemon("run", "--once")

    assert any("DEBUG" in line for line in lines), "debug logging was not on"
    secrets = (imap_account.password, SMTP_CREDENTIALS[1], "birthday-0412", "owner-secret")
    found = [
        (seed, line)
        for line in lines
        for seed in (*SEEDED, *secrets)
        if seed.lower() in line.lower()
    ]
    assert found == [], "\n".join(f"{seed!r} in: {line}" for seed, line in found)
    # Libraries that describe the content they handle stay quiet (fontTools lists the glyphs
    # a letter uses).
    assert [line for line in lines if " fontTools." in line or " fpdf." in line] == []

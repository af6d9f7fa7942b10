"""A patient answers the service's email in their own words, English or Spanish; the reply
arrives in the real IMAP inbox and the case learns what happened.

Each test opens a case from a denial, then sends a reply in the thread of the service's
first email and checks the event recorded (its kind, day and details), the answer the
patient gets (what was understood, the dates, the calendar file), and that a reply the
service cannot understand goes to review with its text kept and no answer.
"""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.message import EmailMessage
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from denialwatch.config import Config, Security
from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.views import list_messages, show_case
from denialwatch.store.models import Patient
from tests.conftest import make_config
from tests.support.dovecot import ImapAccount
from tests.support.smtp import SmtpServer

pytestmark = pytest.mark.imap

SAMPLES = resources.files("denialwatch") / "samples"
DENIAL = "01-kaiser-denial-gmail-forward.eml"
PATIENT = "teresa.almonte@example.com"
OPENED = datetime(2026, 3, 13, 18, 0, tzinfo=UTC)  # two days after the letter
REPLIED = datetime(2026, 3, 24, 18, 0, tzinfo=UTC)  # a Tuesday, 11:00 in California


@pytest.fixture
def runtime(
    tmp_path: Path, imap_account: ImapAccount, smtp_server: SmtpServer
) -> Iterator[Runtime]:
    config: Config = make_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'dw.db'}",
        inbox=imap_account.inbox_config(Security.TLS).model_dump(
            exclude={"password", "password_source"}, exclude_none=True, mode="json"
        )
        | {"password_file": str(imap_account.password_file)},
        outgoing=smtp_server.outgoing_config().model_dump(
            exclude={"password", "password_source"}, exclude_none=True, mode="json"
        ),
    )
    runtime = build_runtime(config)
    yield runtime
    runtime.close()


def opened_case(runtime: Runtime, account: ImapAccount, smtp: SmtpServer) -> tuple[int, str]:
    """A case from the Kaiser denial; its id and the Message-ID of the email we sent."""
    account.append((SAMPLES / DENIAL).read_bytes())
    assert run_pass(runtime, now=OPENED).errors == 0
    [opened] = smtp.received
    with runtime.sessions() as session:
        [message] = list_messages(session)
    return message["case_id"], str(opened.message["Message-ID"])


def reply(text: str, in_reply_to: str, *, subject: str = "Re: your case") -> bytes:
    message = EmailMessage()
    message["From"] = f"Teresa Almonte <{PATIENT}>"
    message["To"] = "Denial Help <denials@clinic.example>"
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(REPLIED)
    message["Message-ID"] = f"<reply-{abs(hash(text))}@mail.example.com>"
    message["In-Reply-To"] = in_reply_to
    message["References"] = in_reply_to
    message.set_content(
        f"{text}\n\nOn Fri, Mar 13, 2026 at 11:00 AM Denial Help <denials@clinic.example> "
        "wrote:\n> We opened a case for your denial.\n> Your case number is DW-00001.\n"
    )
    return bytes(message)


def plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


RECORDED = ("We recorded what you told us", "Anotamos lo que nos dijiste")
"""The answer's subject in each language: a reply in Spanish is answered in Spanish."""


def answer_to_reply(smtp: SmtpServer) -> EmailMessage:
    answers = [
        m.message for m in smtp.received if any(s in str(m.message["Subject"]) for s in RECORDED)
    ]
    assert len(answers) == 1, [str(m.message["Subject"]) for m in smtp.received]
    return answers[0]


def case_detail(runtime: Runtime, case_id: int) -> dict[str, Any]:
    with runtime.sessions() as session:
        detail = show_case(session, case_id, runtime.blobs, REPLIED.date())
    assert detail is not None
    return detail


REPLIES = [
    # (language, text, event kind, day, details)
    ("en", "I filed the grievance on 3/20.", "grievance_filed", date(2026, 3, 20), {}),
    ("es", "Presenté la queja el 20 de marzo.", "grievance_filed", date(2026, 3, 20), {}),
    ("en", "The plan got my appeal yesterday.", "grievance_acknowledged", date(2026, 3, 23), {}),
    ("es", "Ayer recibieron mi apelación.", "grievance_acknowledged", date(2026, 3, 23), {}),
    (
        "en",
        "They denied my appeal again on 3/21.",
        "grievance_decision_received",
        date(2026, 3, 21),
        {},
    ),
    (
        "es",
        "Me negaron la apelación otra vez el 21 de marzo.",
        "grievance_decision_received",
        date(2026, 3, 21),
        {},
    ),
    ("en", "My doctor says it's urgent, it can't wait.", "marked_urgent", date(2026, 3, 24), {}),
    ("es", "Es urgente, no puede esperar.", "marked_urgent", date(2026, 3, 24), {}),
    (
        "en",
        "Mailed it today, tracking 9400 1000 0000 0000 0000 00",
        "imr_filed",
        date(2026, 3, 24),
        {"method": "mail", "tracking": "9400100000000000000000"},
    ),
    (
        "es",
        "Lo envié por correo certificado hoy, rastreo 9400 1000 0000 0000 0000 00",
        "imr_filed",
        date(2026, 3, 24),
        {"method": "mail"},
    ),
    ("en", "I applied online yesterday.", "imr_filed", date(2026, 3, 23), {"method": "online"}),
    ("es", "Lo mandé por fax ayer.", "imr_filed", date(2026, 3, 23), {"method": "fax"}),
    ("en", "The plan approved it!", "approved", date(2026, 3, 24), {}),
    ("es", "¡Aprobaron la cirugía!", "approved", date(2026, 3, 24), {}),
    ("en", "They scheduled my surgery.", "plan_complied", date(2026, 3, 24), {}),
    ("es", "Ya programaron la cirugía.", "plan_complied", date(2026, 3, 24), {}),
    ("en", "Please close my case, I no longer need help.", "case_closed", date(2026, 3, 24), {}),
    (
        "es",
        "Por favor cierren mi caso, ya no necesito ayuda.",
        "case_closed",
        date(2026, 3, 24),
        {},
    ),
    ("en", "Stop the reminders please.", "reminders_stopped", date(2026, 3, 24), {}),
    ("es", "No más recordatorios, por favor.", "reminders_stopped", date(2026, 3, 24), {}),
]


@pytest.mark.parametrize(
    ("language", "text", "kind", "day", "details"), REPLIES, ids=[f"{r[0]}-{r[2]}" for r in REPLIES]
)
def test_a_reply_records_its_event_and_is_answered(  # noqa: PLR0917 (pytest parameters)
    runtime: Runtime,
    imap_account: ImapAccount,
    smtp_server: SmtpServer,
    language: str,
    text: str,
    kind: str,
    day: date,
    details: dict[str, str],
) -> None:
    case_id, first = opened_case(runtime, imap_account, smtp_server)
    imap_account.append(reply(text, first))
    assert run_pass(runtime, now=REPLIED).errors == 0

    with runtime.sessions() as session:
        answered = list_messages(session)[-1]
    assert answered["state"] == "attached", answered["reason"]
    assert answered["case_id"] == case_id
    detail = case_detail(runtime, case_id)
    recorded = [e for e in detail["events"] if e["kind"] == kind]
    assert recorded, [e["kind"] for e in detail["events"]]
    assert recorded[-1]["effective_date"] == day.isoformat()
    for key, value in details.items():
        assert recorded[-1]["detail"][key] == value

    answer = answer_to_reply(smtp_server)
    english = language == "en"
    assert RECORDED[0 if english else 1] in str(answer["Subject"])
    assert answer["In-Reply-To"] is not None
    assert ("If we got anything wrong" if english else "Si entendimos algo mal") in plain(answer)
    with runtime.sessions() as session:
        patient = session.query(Patient).filter_by(email=PATIENT).one()
        assert patient.language == language
    assert imap_account.messages("INBOX") == []  # filed after processing


def test_a_reply_that_moves_a_date_moves_the_reminders(
    runtime: Runtime, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    case_id, first = opened_case(runtime, imap_account, smtp_server)
    before = {r["key"]: r["status"] for r in case_detail(runtime, case_id)["reminders"]}
    assert any(k.startswith("file_grievance") for k in before)
    imap_account.append(reply("I filed the grievance on 3/20.", first))
    run_pass(runtime, now=REPLIED)
    detail = case_detail(runtime, case_id)
    after = {r["key"]: r for r in detail["reminders"]}
    # Filing the grievance makes the "file your grievance" reminders pointless...
    for key, reminder in after.items():
        if key.startswith("file_grievance") and reminder["status"] != "sent":
            assert reminder["status"] == "cancelled", key
    # ...and the grievance's own dates appear, with their rule and citation.
    kinds = {d["kind"]: d for d in detail["deadlines"]}
    resolution = kinds["grievance_resolution"]
    assert resolution["due"] == "2026-04-20"  # 30 days is Sunday 04-19: rolled to Monday
    assert "1368.01" in resolution["citation"]
    assert resolution["inputs"]
    answer = answer_to_reply(smtp_server)
    calendars = [p for p in answer.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    assert b"20260420" in calendars[0].get_payload(decode=True)


def test_a_reply_nobody_can_understand_goes_to_review_unanswered(
    runtime: Runtime, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    case_id, first = opened_case(runtime, imap_account, smtp_server)
    imap_account.append(reply("Thanks, my cousin will come by on the weekend.", first))
    run_pass(runtime, now=REPLIED)
    with runtime.sessions() as session:
        message = list_messages(session)[-1]
    assert message["state"] == "needs_review"
    assert message["case_id"] == case_id
    assert "could not understand" in message["reason"]
    assert not [m for m in smtp_server.received if "recorded" in str(m.message["Subject"])]
    [review] = imap_account.messages("denialwatch/review")
    assert b"my cousin will come by" in review.raw  # kept for a person to read


def test_a_question_goes_to_a_person_after_the_events_are_recorded(
    runtime: Runtime, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    case_id, first = opened_case(runtime, imap_account, smtp_server)
    imap_account.append(
        reply("I filed the grievance on 3/20. Do I need to send my X-rays too?", first)
    )
    run_pass(runtime, now=REPLIED)
    with runtime.sessions() as session:
        message = list_messages(session)[-1]
    assert message["state"] == "needs_review"
    assert "question" in message["reason"]
    assert any(e["kind"] == "grievance_filed" for e in case_detail(runtime, case_id)["events"])
    assert "a person will read it" in plain(answer_to_reply(smtp_server))


def test_the_case_tag_in_the_subject_finds_the_case_without_the_thread(
    runtime: Runtime, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    case_id, _first = opened_case(runtime, imap_account, smtp_server)
    raw = reply(
        "I filed the grievance on 3/20.", "<unknown@elsewhere.example>", subject="About [DW-00001]"
    )
    imap_account.append(raw)
    run_pass(runtime, now=REPLIED)
    with runtime.sessions() as session:
        message = list_messages(session)[-1]
    assert (message["state"], message["case_id"]) == ("attached", case_id)


def test_a_patient_who_asks_for_spanish_is_written_to_in_spanish(
    runtime: Runtime, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    case_id, first = opened_case(runtime, imap_account, smtp_server)
    imap_account.append(reply("Please write to me in Spanish from now on.", first))
    assert run_pass(runtime, now=REPLIED).errors == 0

    with runtime.sessions() as session:
        answered = list_messages(session)[-1]
        patient = session.query(Patient).filter_by(email=PATIENT).one()
        assert patient.language == "es"
    assert answered["state"] == "attached", answered["reason"]
    answer = answer_to_reply(smtp_server)
    assert "Anotamos lo que nos dijiste" in str(answer["Subject"])
    assert "De ahora en adelante te escribiremos en español." in plain(answer)
    assert case_detail(runtime, case_id)["number"] in str(answer["Subject"])

"""One denial's whole path, as a patient forwards each letter: the case follows.

Teresa forwards her plan's denial, then its acknowledgement of her grievance, its decision
keeping the denial, the DMHC's acknowledgement of her IMR application, and the DMHC's
decision. Each attaches to the one case, moves it along, and gets her an email that says
what it means and what to do. Letters that match no case are handled as the table in
``service.effects`` says: a DMHC letter goes to review; an approval from a stranger is
left alone; a portal notice is answered with a request for the letter itself.
"""

from __future__ import annotations

import email
import mailbox
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from denialwatch.clock import utcnow
from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.views import list_messages, show_case
from tests.builders import TERESA, Party, forward_gmail_inline, insurer_email
from tests.builders.catalogue.labelled import LABELLED_LETTERS
from tests.conftest import make_config

SENT = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
STRANGER = Party("Sam Stranger", "sam.stranger@example.net")


@pytest.fixture
def runtime(tmp_path: Path, database_url: str) -> Iterator[Runtime]:
    runtime = build_runtime(make_config(tmp_path, database_url))
    yield runtime
    runtime.close()


def forward(runtime: Runtime, key: str, patient: Party, number: int) -> None:
    """``patient`` forwards the catalogue letter ``key`` from Gmail, and one pass runs."""
    labelled = LABELLED_LETTERS[key]
    sample = labelled.sample
    # Each letter is forwarded the day after its date (the story's own calendar).
    letter_date = labelled.expected.letter_date
    when = (
        datetime.combine(letter_date + timedelta(days=1), SENT.timetz())
        if letter_date is not None
        else SENT + timedelta(days=number)
    )
    original = insurer_email(sample, message_id=f"<plan-{number}@plans.example.com>", date=when)
    raw = forward_gmail_inline(
        original,
        patient,
        note="See below.",
        message_id=f"<fwd-{number}@example.com>",
        date=when + timedelta(hours=1),
    )
    inbox = mailbox.Maildir(runtime.config.inbox.path, create=True)  # type: ignore[union-attr]
    inbox.add(mailbox.MaildirMessage(raw))
    inbox.close()
    # The service runs on the story's own clock: the patient forwards each letter as it comes.
    assert run_pass(runtime, now=when + timedelta(hours=2)).errors == 0


def last_message(runtime: Runtime) -> dict[str, Any]:
    with runtime.sessions() as session:
        return list_messages(session)[-1]


def case(runtime: Runtime, case_id: int) -> dict[str, Any]:
    with runtime.sessions() as session:
        detail = show_case(session, case_id, runtime.blobs, utcnow().date())
    assert detail is not None
    return detail


def outbox(runtime: Runtime) -> list[EmailMessage]:
    folder = Path(runtime.config.outgoing.path) / "new"  # type: ignore[union-attr]
    found: list[EmailMessage] = []
    if not folder.exists():
        return found
    for path in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def text_of(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_one_denial_from_letter_to_imr_decision(runtime: Runtime) -> None:
    forward(runtime, "kaiser_medical_necessity", TERESA, 1)
    opened = last_message(runtime)
    assert opened["state"] == "case"
    case_id = opened["case_id"]
    detail = case(runtime, case_id)
    assert detail["status"] == "open"
    assert detail["eligibility"]["status"] == "need_info"

    forward(runtime, "kaiser_grievance_acknowledgement", TERESA, 2)
    message = last_message(runtime)
    assert (message["state"], message["case_id"]) == ("attached", case_id)
    assert message["document_kind"] == "grievance_acknowledgement"
    detail = case(runtime, case_id)
    assert detail["status"] == "grievance_filed"
    filed = [e for e in detail["events"] if e["kind"] == "grievance_filed"]
    assert filed
    assert filed[0]["effective_date"] is not None
    assert detail["eligibility"]["status"] in ("eligible_on", "eligible_now")
    assert "Your grievance is on record" in outbox(runtime)[-1]["Subject"]

    forward(runtime, "kaiser_grievance_upheld", TERESA, 3)
    message = last_message(runtime)
    assert (message["state"], message["case_id"]) == ("attached", case_id)
    assert message["document_kind"] == "grievance_decision"
    detail = case(runtime, case_id)
    assert detail["status"] == "grievance_decided"
    assert detail["eligibility"]["status"] == "eligible_now"
    update = outbox(runtime)[-1]
    assert "you can ask for an Independent Medical Review" in update["Subject"]
    assert "6 months" in text_of(update)

    forward(runtime, "dmhc_application_received", TERESA, 4)
    message = last_message(runtime)
    assert (message["state"], message["case_id"]) == ("attached", case_id)
    detail = case(runtime, case_id)
    assert detail["dmhc_case_number"] == "IMR-2026-004471"
    assert detail["status"] == "imr_filed"
    assert "IMR-2026-004471" in text_of(outbox(runtime)[-1])

    forward(runtime, "dmhc_decision_overturned", TERESA, 5)
    message = last_message(runtime)
    assert (message["state"], message["case_id"]) == ("attached", case_id)
    detail = case(runtime, case_id)
    assert detail["status"] == "decided_overturned"
    assert "5 working days" in text_of(outbox(runtime)[-1])

    kinds = [e["kind"] for e in detail["events"]]
    for expected in (
        "denial_received",
        "grievance_filed",
        "grievance_decision_received",
        "dmhc_acknowledged",
        "dmhc_decision_received",
    ):
        assert expected in kinds
    # One email per letter, each with its own Message-ID.
    sent = outbox(runtime)
    assert len(sent) == 5
    assert len({m["Message-ID"] for m in sent}) == 5


def test_a_grievance_decision_with_no_case_opens_one_ready_for_an_imr(runtime: Runtime) -> None:
    forward(runtime, "anthem_appeal_upheld", TERESA, 1)
    message = last_message(runtime)
    assert message["state"] == "case"
    detail = case(runtime, message["case_id"])
    assert detail["status"] == "grievance_decided"
    assert detail["letter"] is not None


def test_letters_that_match_no_case(runtime: Runtime) -> None:
    forward(runtime, "dmhc_decision_upheld", STRANGER, 1)
    assert last_message(runtime)["state"] == "needs_review"
    forward(runtime, "la_care_appeal_overturned", STRANGER, 2)
    assert last_message(runtime)["state"] == "not_denial"
    assert outbox(runtime) == []  # nothing to act on: no answer
    forward(runtime, "blue_shield_portal_notice", STRANGER, 3)
    message = last_message(runtime)
    assert message["state"] == "not_denial"
    assert "portal notice" in message["reason"]
    [asked] = outbox(runtime)
    assert asked["To"].addresses[0].addr_spec == STRANGER.address
    assert "letter itself" in asked["Subject"]


def test_a_new_denial_for_the_same_patient_opens_a_new_case(runtime: Runtime) -> None:
    forward(runtime, "kaiser_medical_necessity", TERESA, 1)
    forward(runtime, "blue_shield_experimental", TERESA, 2)
    with runtime.sessions() as session:
        states = [(m["state"], m["case_id"]) for m in list_messages(session)]
    assert [s for s, _ in states] == ["case", "case"]
    assert states[0][1] != states[1][1]

"""The optional sender policy through a whole pass: who may open a case.

With ``policy = "registered"`` a forward from an address nobody registered is kept and set
aside for review, with a reason that names no address; a registered patient's forward opens
its case as usual. With ``policy = "authenticated"`` only the receiving server's own
Authentication-Results header counts: DMARC passed for the sender's domain, or review.
"""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.views import list_messages
from tests.builders import TERESA, forward_gmail_inline, insurer_email
from tests.builders.catalogue.labelled import LABELLED_LETTERS
from tests.conftest import make_config

SENT = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
DOMAIN = TERESA.address.rsplit("@", 1)[1]


def forwarded(*, headers: str = "") -> bytes:
    sample = LABELLED_LETTERS["kaiser_medical_necessity"].sample
    original = insurer_email(sample, message_id="<plan-1@plans.example.com>", date=SENT)
    raw = forward_gmail_inline(
        original, TERESA, note="See below.", message_id="<fwd-1@example.com>", date=SENT
    )
    return headers.encode() + raw


def outcome(tmp_path: Path, database_url: str, raw: bytes, **senders: Any) -> dict[str, Any]:
    runtime: Runtime = build_runtime(make_config(tmp_path, database_url, senders=senders))
    try:
        inbox = mailbox.Maildir(tmp_path / "inbox", create=True)
        inbox.add(mailbox.MaildirMessage(raw))
        inbox.close()
        assert run_pass(runtime, now=SENT).errors == 0
        with runtime.sessions() as session:
            [message] = list_messages(session)
        return message
    finally:
        runtime.close()


def test_a_stranger_is_set_aside_when_only_registered_patients_may_write(
    tmp_path: Path, database_url: str
) -> None:
    message = outcome(
        tmp_path, database_url, forwarded(), policy="registered", registered=["someone@example.org"]
    )
    assert message["state"] == "needs_review"
    assert message["reason"] == "sender not registered (policy: registered)"
    assert TERESA.address not in message["reason"]


def test_a_registered_patient_opens_a_case(tmp_path: Path, database_url: str) -> None:
    message = outcome(
        tmp_path,
        database_url,
        forwarded(),
        policy="registered",
        registered=[TERESA.address.upper()],
    )
    assert message["state"] == "case"


@pytest.mark.parametrize(
    ("header", "state"),
    [
        (f"Authentication-Results: mx.example.org; dmarc=pass header.from={DOMAIN}\r\n", "case"),
        (
            f"Authentication-Results: mx.example.org; dmarc=fail header.from={DOMAIN}\r\n",
            "needs_review",
        ),
        # Another server's word is not ours to trust.
        (
            f"Authentication-Results: mx.elsewhere.net; dmarc=pass header.from={DOMAIN}\r\n",
            "needs_review",
        ),
        ("", "needs_review"),
    ],
)
def test_only_our_servers_dmarc_pass_lets_a_forward_in(
    tmp_path: Path, database_url: str, header: str, state: str
) -> None:
    message = outcome(
        tmp_path,
        database_url,
        forwarded(headers=header),
        policy="authenticated",
        authserv_id="mx.example.org",
    )
    assert message["state"] == state
    if state == "needs_review":
        assert "(policy: authenticated)" in message["reason"]

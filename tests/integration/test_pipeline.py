"""The service stages on a Maildir inbox, real databases and real SMTP servers.

Each stage is called directly (fetch, process, file, deliver) with the clock passed in, so
that retries, leases and backoff are tested at the times they matter.
"""

from __future__ import annotations

import mailbox
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.exc import SQLAlchemyError

from denialwatch.config import Config
from denialwatch.mail.outgoing import StoredEmail
from denialwatch.mail.smtp import SmtpSender
from denialwatch.service import delivery, process
from denialwatch.service.fetch import fetch_new
from denialwatch.service.filing import file_handled
from denialwatch.service.runner import run_pass
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.service.views import list_messages
from denialwatch.store.db import session_factory
from denialwatch.store.models import Message, OutgoingEmail
from tests.conftest import make_config, require
from tests.support.smtp import SmtpServer, running_smtp

NOW = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
SAMPLES = resources.files("denialwatch") / "samples"
KAISER = "01-kaiser-denial-gmail-forward.eml"
BLUE_SHIELD = "03-blue-shield-experimental-outlook-attachment.eml"
ANTHEM = "04-anthem-ppo-apple-forward.eml"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def plain_email(
    sender: str, body: str, *, message_id: str, headers: dict[str, str] | None = None
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "help@denialwatch.example.org"
    message["Subject"] = "hello"
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return bytes(message)


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Config:
    return make_config(tmp_path, database_url)


@pytest.fixture
def runtime(config: Config) -> Iterator[Runtime]:
    runtime = build_runtime(config)
    yield runtime
    runtime.close()


def deliver_to_inbox(config: Config, *raws: bytes) -> None:
    inbox = mailbox.Maildir(config.inbox.path, create=True)  # type: ignore[union-attr]
    for raw in raws:
        inbox.add(mailbox.MaildirMessage(raw))
    inbox.close()


def states(runtime: Runtime) -> list[tuple[str, str | None]]:
    with runtime.sessions() as session:
        return [(m["state"], m["reason"]) for m in list_messages(session)]


def test_a_pass_files_every_message_by_its_outcome(config: Config, runtime: Runtime) -> None:
    deliver_to_inbox(
        config,
        sample(KAISER),
        sample("06-plan-newsletter-not-a-denial.eml"),
        b"\x00\x01 not an email at all \xff" * 10,
    )
    result = run_pass(runtime)
    assert (result.fetched, result.processed, result.filed, result.errors) == (3, 3, 3, 0)
    outcome = sorted(state for state, _ in states(runtime))
    assert outcome == ["case", "needs_review", "not_denial"]
    inbox = Path(config.inbox.path)  # type: ignore[union-attr]
    assert not list((inbox / "new").iterdir())
    assert not list((inbox / "cur").iterdir())
    assert (
        len(list((inbox / ".denialwatch.processed" / "cur").iterdir()))
        + len(list((inbox / ".denialwatch.processed" / "new").iterdir()))
        == 1
    )
    # The raw message of every outcome is kept, including the unreadable one.
    with runtime.sessions() as session:
        for message in session.scalars(select(Message)):
            assert runtime.blobs.exists(message.sha256)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            plain_email("", "We denied your request.", message_id="<a@x.example>"),
            "no sender address",
        ),
        (
            plain_email(
                "MAILER-DAEMON@mx.example.net", "Delivery failed", message_id="<b@x.example>"
            ),
            "automatic message",
        ),
        (
            plain_email("denials@denialwatch.example.org", "loop", message_id="<c@x.example>"),
            "automatic message",
        ),
    ],
)
def test_messages_nobody_can_be_answered_for_go_to_review(
    config: Config, runtime: Runtime, raw: bytes, reason: str
) -> None:
    deliver_to_inbox(config, raw)
    run_pass(runtime)
    [(state, why)] = states(runtime)
    assert state == "needs_review"
    assert why is not None
    assert reason in why
    with runtime.sessions() as session:
        assert session.scalars(select(OutgoingEmail)).all() == []


def test_an_encrypted_letter_alone_goes_to_review_with_the_reason(
    config: Config, runtime: Runtime, corpus: Path
) -> None:
    encrypted = next((corpus / "pdf" / "pdfminer-samples").rglob("*aes-256*.pdf"), None)
    require(encrypted is not None, "no AES-256 sample in the corpus")
    assert encrypted is not None
    message = EmailMessage()
    message["From"] = "pat@example.com"
    message["To"] = "help@denialwatch.example.org"
    message["Subject"] = "Fwd: letter from my plan"
    message["Message-ID"] = "<enc@x.example>"
    message.set_content("Here is the letter they sent me.")
    message.add_attachment(
        encrypted.read_bytes(), maintype="application", subtype="pdf", filename="letter.pdf"
    )
    deliver_to_inbox(config, bytes(message))
    run_pass(runtime)
    [(state, why)] = states(runtime)
    assert state == "needs_review"
    assert why is not None
    assert "encrypted" in why.lower()


def test_a_message_that_keeps_failing_is_retried_later_then_set_aside(
    config: Config, runtime: Runtime
) -> None:
    deliver_to_inbox(config, sample(KAISER))
    with runtime.open_source() as source:
        assert fetch_new(runtime, source, NOW) == 1
    with runtime.sessions() as session:
        message = session.scalars(select(Message)).one()
    runtime.blobs.path_of(message.sha256).unlink()  # the stored bytes are gone: every try fails

    now = NOW
    for attempt in range(1, config.service.max_attempts + 1):
        assert process.process_pending(runtime, now) == 1  # one try per pass, never a spin
        assert process.process_pending(runtime, now) == 0
        with runtime.sessions() as session:
            stored = session.get_one(Message, message.id)
        assert stored.attempts == attempt
        assert stored.last_error == "StorageError"
        now += timedelta(hours=1)
    assert stored.state == "failed"
    assert stored.reason is not None
    assert "kept for review" in stored.reason
    with runtime.open_source() as source:
        assert file_handled(runtime, source, now) == 1
    inbox = Path(config.inbox.path)  # type: ignore[union-attr]
    assert list((inbox / ".denialwatch.review" / "new").iterdir())


def test_a_claimed_message_is_not_claimed_again_until_its_lease_ends(runtime: Runtime) -> None:
    config = runtime.config
    deliver_to_inbox(config, sample(KAISER))
    with runtime.open_source() as source:
        fetch_new(runtime, source, NOW)
    first = process.claim_one(runtime, NOW)
    assert first is not None
    assert process.claim_one(runtime, NOW + timedelta(minutes=1)) is None
    # A worker that died holding the lease: after it ends, another takes the message.
    assert process.claim_one(runtime, NOW + process.LEASE + timedelta(seconds=1)) == first


def stored_messages(runtime: Runtime) -> list[tuple[int, str, bool]]:
    """(id, state, claimed) of every stored message."""
    with runtime.sessions() as session:
        return [
            (m.id, m.state, m.claimed_until is not None)
            for m in session.scalars(select(Message).order_by(Message.id))
        ]


def store_three_denials(config: Config, runtime: Runtime) -> None:
    deliver_to_inbox(config, sample(KAISER), sample(BLUE_SHIELD), sample(ANTHEM))
    with runtime.open_source() as source:
        assert fetch_new(runtime, source, NOW) == 3


def test_the_next_message_is_claimed_and_read_while_one_is_answered(
    config: Config, runtime: Runtime
) -> None:
    store_three_denials(config, runtime)
    seen: list[list[tuple[int, str, bool]]] = []
    count = process.process_in_turn(
        runtime, NOW, on_processed=lambda: seen.append(stored_messages(runtime))
    )
    assert count == 3
    # When the first was committed, the second was already claimed (and being read).
    assert seen[0][0][1] == "case"
    assert seen[0][1] == (seen[0][1][0], "received", True)
    assert seen[0][2][2] is False  # only one ahead
    assert [state for _, state, _ in stored_messages(runtime)] == ["case", "case", "case"]
    assert len(runtime.read_ahead) == 0


def test_stopping_gives_back_the_message_read_ahead(config: Config, runtime: Runtime) -> None:
    deliver_to_inbox(config, sample(KAISER), sample(BLUE_SHIELD))
    with runtime.open_source() as source:
        fetch_new(runtime, source, NOW)
    stop = threading.Event()
    assert process.process_in_turn(runtime, NOW, stop, on_processed=stop.set) == 1
    [first, second] = stored_messages(runtime)
    assert first[1] == "case"
    assert second[1:] == ("received", False)  # free for the next pass at once
    assert len(runtime.read_ahead) == 0
    assert process.process_in_turn(runtime, NOW) == 1


def died_holding(runtime: Runtime, now: datetime, count: int = 1) -> datetime:
    """A worker claims the next ``count`` messages (the one answered and the one read
    ahead) and dies holding them: what a SIGKILL, a native crash or the OOM killer leaves
    in the database. Returns when its claims have run out."""
    for _ in range(count):
        assert process.claim_one(runtime, now) is not None
    return now + process.LEASE + timedelta(seconds=1)


def starts_and_interruptions(runtime: Runtime) -> list[tuple[int, int]]:
    with runtime.sessions() as session:
        return [
            (m.starts, process.interruptions(m))
            for m in session.scalars(select(Message).order_by(Message.id))
        ]


def test_a_message_the_service_stopped_on_is_answered_alone_then_reading_ahead_resumes(
    config: Config, runtime: Runtime
) -> None:
    store_three_denials(config, runtime)
    now = died_holding(runtime, NOW)
    assert starts_and_interruptions(runtime)[0] == (1, 0)  # not known until claimed again
    seen: list[list[tuple[int, str, bool]]] = []
    count = process.process_in_turn(
        runtime, now, on_processed=lambda: seen.append(stored_messages(runtime))
    )
    assert count == 3
    # The first went alone: nothing was claimed to read ahead beside it.
    assert [(state, claimed) for _, state, claimed in seen[0]] == [
        ("case", False),
        ("received", False),
        ("received", False),
    ]
    # The one after it had done nothing wrong: the third was read ahead beside it as usual.
    assert [(state, claimed) for _, state, claimed in seen[1]] == [
        ("case", False),
        ("case", False),
        ("received", True),
    ]
    assert starts_and_interruptions(runtime) == [(2, 1), (1, 0), (1, 0)]


def test_a_message_the_service_keeps_stopping_on_is_set_aside_and_the_rest_go_on(
    config: Config, runtime: Runtime
) -> None:
    store_three_denials(config, runtime)
    limit = config.service.max_interruptions
    now = died_holding(runtime, NOW, count=2)  # the first, and the second read ahead
    for _ in range(limit - 1):
        now = died_holding(runtime, now)  # then the first alone, again and again
    assert process.process_in_turn(runtime, now) == 3
    assert [state for _, state, _ in stored_messages(runtime)] == ["failed", "case", "case"]
    with runtime.sessions() as session:
        first = session.get_one(Message, 1)
        assert first.reason == (
            f"the service stopped {limit} times while processing it; kept for review"
        )
        assert first.last_error == "interrupted"
        assert first.attempts == 0
    with runtime.open_source() as source:
        assert file_handled(runtime, source, now) == 3
    inbox = Path(config.inbox.path)  # type: ignore[union-attr]
    assert len(list((inbox / ".denialwatch.review" / "new").iterdir())) == 1


def test_claims_given_back_and_failures_recorded_are_not_interruptions(
    config: Config, runtime: Runtime
) -> None:
    deliver_to_inbox(config, sample(KAISER), sample(BLUE_SHIELD))
    with runtime.open_source() as source:
        fetch_new(runtime, source, NOW)
    stop = threading.Event()
    process.process_in_turn(runtime, NOW, stop, on_processed=stop.set)  # gives the second back
    assert starts_and_interruptions(runtime) == [(1, 0), (0, 0)]
    assert process.process_in_turn(runtime, NOW) == 1
    assert starts_and_interruptions(runtime) == [(1, 0), (1, 0)]


def test_fetching_again_records_nothing_new(config: Config, runtime: Runtime) -> None:
    deliver_to_inbox(config, sample(KAISER), sample(KAISER))
    with runtime.open_source() as source:
        assert fetch_new(runtime, source, NOW) == 2  # two ledger entries, one message
        assert fetch_new(runtime, source, NOW) == 0
    with runtime.sessions() as session:
        assert len(session.scalars(select(Message)).all()) == 1


# Delivery -------------------------------------------------------------------------------


def queued_runtime(tmp_path: Path, database_url: str, smtp: SmtpServer) -> Runtime:
    config = make_config(
        tmp_path,
        database_url,
        outgoing=smtp.outgoing_config().model_dump(
            exclude={"password", "password_source"}, exclude_none=True, mode="json"
        ),
    )
    runtime = build_runtime(config)
    deliver_to_inbox(config, sample(KAISER))
    with runtime.open_source() as source:
        fetch_new(runtime, source, NOW)
    process.process_pending(runtime, NOW)
    return runtime


def email_row(runtime: Runtime) -> OutgoingEmail:
    with runtime.sessions() as session:
        return session.scalars(select(OutgoingEmail)).one()


def test_transient_failures_back_off_then_send_the_same_bytes(
    tmp_path: Path, database_url: str
) -> None:
    with running_smtp(tmp_path, data_reply="451 4.3.0 try again later") as busy:
        runtime = queued_runtime(tmp_path, database_url, busy)
        assert delivery.send_due(runtime, runtime.sender(), NOW) == 1
    row = email_row(runtime)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error is not None
    assert "451" in row.last_error
    assert row.next_attempt_at == NOW + delivery.backoff(1)
    assert delivery.send_due(runtime, runtime.sender(), NOW + timedelta(seconds=5)) == 0

    with running_smtp(tmp_path) as server:
        sender = SmtpSender(server.outgoing_config())
        assert delivery.send_due(runtime, sender, row.next_attempt_at) == 1
    row = email_row(runtime)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, None)
    [mail] = server.received
    assert mail.message["Message-ID"] == row.message_id
    assert (
        mail.raw.replace(b"\r\n", b"\n").rstrip()
        == runtime.blobs.get(row.sha256).replace(b"\r\n", b"\n").rstrip()
    )
    runtime.close()


def test_a_permanent_refusal_is_recorded_and_not_retried(tmp_path: Path, database_url: str) -> None:
    with running_smtp(tmp_path, rcpt_reply="550 5.1.1 no such user") as refusing:
        runtime = queued_runtime(tmp_path, database_url, refusing)
        assert delivery.send_due(runtime, runtime.sender(), NOW) == 1
        assert delivery.send_due(runtime, runtime.sender(), NOW + timedelta(days=1)) == 0
    row = email_row(runtime)
    assert row.status == "failed"
    assert row.last_error is not None
    assert "550 5.1.1" in row.last_error
    runtime.close()


class _DatabaseGoesAway:
    """Sends for real, then points the runtime at a database that cannot be opened: the
    outage falls exactly between the send and its record."""

    def __init__(self, runtime: Runtime, sender: SmtpSender, unreachable: Path) -> None:
        self.runtime = runtime
        self.sender = sender
        self.working = runtime.sessions
        self.broken = session_factory(create_engine(f"sqlite:///{unreachable}/no/such/dir.db"))

    def send(self, email: StoredEmail | EmailMessage) -> None:
        self.sender.send(email)
        object.__setattr__(self.runtime, "sessions", self.broken)

    def database_back(self) -> None:
        object.__setattr__(self.runtime, "sessions", self.working)


def test_a_send_the_database_could_not_record_is_recorded_when_it_is_back_not_resent(
    tmp_path: Path, database_url: str
) -> None:
    with running_smtp(tmp_path) as server:
        runtime = queued_runtime(tmp_path, database_url, server)
        outage = _DatabaseGoesAway(runtime, SmtpSender(server.outgoing_config()), tmp_path)
        with pytest.raises(SQLAlchemyError):
            delivery.send_due(runtime, outage, NOW)
        assert list(runtime.unrecorded_sends) == [email_row_while(outage).id]
        # Still away: nothing is sent, the send stays remembered.
        with pytest.raises(SQLAlchemyError):
            delivery.send_due(runtime, outage, NOW + timedelta(minutes=1))
        outage.database_back()
        # Back after the lease ran out: the earlier send is recorded, not repeated.
        later = NOW + delivery.LEASE + timedelta(minutes=1)
        assert delivery.send_due(runtime, outage.sender, later) == 0
    assert len(server.received) == 1
    row = email_row(runtime)
    assert (row.status, row.sent_at, row.attempts) == ("sent", NOW, 1)
    assert runtime.unrecorded_sends == {}
    runtime.close()


def email_row_while(outage: _DatabaseGoesAway) -> OutgoingEmail:
    with outage.working() as session:
        return session.scalars(select(OutgoingEmail)).one()


def test_a_crash_between_send_and_mark_resends_the_same_message_id_once(
    tmp_path: Path, database_url: str
) -> None:
    with running_smtp(tmp_path) as server:
        runtime = queued_runtime(tmp_path, database_url, server)
        sender = runtime.sender()
        # The worker claims and sends, then dies before recording the send.
        [(claimed, _)] = delivery.claim_due(runtime, NOW, delivery.CLAIM_BATCH)
        row = email_row(runtime)
        assert claimed == row.id
        sender.send(delivery.load_email(runtime, row.sha256))
        # Nothing else can take it while the dead worker's lease lasts...
        assert delivery.send_due(runtime, sender, NOW + timedelta(minutes=1)) == 0
        # ...and after it, the email goes again, once, with the same Message-ID.
        later = NOW + delivery.LEASE + timedelta(seconds=1)
        assert delivery.send_due(runtime, sender, later) == 1
        assert delivery.send_due(runtime, sender, later + timedelta(hours=1)) == 0
    ids = [mail.message["Message-ID"] for mail in server.received]
    assert ids == [row.message_id, row.message_id]
    assert email_row(runtime).status == "sent"
    runtime.close()

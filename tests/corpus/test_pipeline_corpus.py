"""Every real-world email and PDF of the shared corpus through the whole pipeline.

Each email of ``corpus/email`` is delivered as it is; each file of ``corpus/pdf`` is
attached to an email from a patient. One pass must give every message a recorded outcome
with no error escaping; the ordinary emails of the SpamAssassin corpus must open no case
and get no answer (answering a stranger's mail is backscatter). The slowest messages and
the peak memory are printed, not asserted: speed is measured in bench/, not here.
"""

from __future__ import annotations

import mailbox
import resource
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select

from denialwatch.clock import utcnow
from denialwatch.service import process
from denialwatch.service.fetch import fetch_new
from denialwatch.service.filing import file_handled
from denialwatch.service.runtime import Runtime, build_runtime
from denialwatch.store.models import Case, Message, OutgoingEmail
from tests.conftest import make_config

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

SPAM = "spamassassin-public-corpus"


def corpus_emails(corpus: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted((corpus / "email").rglob("*")):
        if (path.is_file() and path.suffix.lower() not in (".md", ".txt", ".json", ".py")) or (
            path.is_file() and SPAM in path.parts and path.suffix == ".txt"
        ):
            if path.name in ("SOURCE.txt", "LICENSE", "README.md"):
                continue
            yield str(path.relative_to(corpus)), path.read_bytes()


def pdf_emails(corpus: Path) -> Iterator[tuple[str, bytes]]:
    for number, path in enumerate(sorted((corpus / "pdf").rglob("*"))):
        if not path.is_file() or path.name in ("SOURCE.txt", "LICENSE", "README.md"):
            continue
        message = EmailMessage()
        message["From"] = "Corpus Patient <corpus.patient@example.com>"
        message["To"] = "help@denialwatch.example.org"
        message["Subject"] = "Fwd: letter from my health plan"
        message["Message-ID"] = f"<corpus-pdf-{number}@example.com>"
        message.set_content("Here is the letter my plan sent me.")
        message.add_attachment(
            path.read_bytes(), maintype="application", subtype="pdf", filename=path.name
        )
        yield str(path.relative_to(corpus)), bytes(message)


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    config = make_config(
        tmp_path,
        f"sqlite:///{tmp_path / 'dw.db'}",
        documents={"pdf_timeout_seconds": 20, "max_pdf_pages": 50},
    )
    runtime = build_runtime(config)
    yield runtime
    runtime.close()


def test_every_corpus_email_and_pdf_gets_an_outcome(
    runtime: Runtime, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = mailbox.Maildir(runtime.config.inbox.path, create=True)  # type: ignore[union-attr]
    origin: dict[str, str] = {}
    for name, raw in [*corpus_emails(corpus), *pdf_emails(corpus)]:
        origin[inbox.add(mailbox.MaildirMessage(raw))] = name
    inbox.close()
    delivered = len(origin)
    assert delivered > 1000

    now = utcnow()
    with runtime.open_source() as source:
        fetch_new(runtime, source, now)
        timings: list[tuple[float, int]] = []
        while True:
            started = time.perf_counter()
            claimed = process.process_one(runtime, now)
            if claimed is None:
                break
            timings.append((time.perf_counter() - started, claimed))
        file_handled(runtime, source, now)

    with runtime.sessions() as session:
        states = dict(
            session.execute(select(Message.state, func.count()).group_by(Message.state)).all()
        )
        failed = session.scalars(select(Message.last_error).where(Message.attempts > 0)).all()
        by_sha = {m.id: m for m in session.scalars(select(Message))}
        entries = {e.uid: e.message_pk for m in by_sha.values() for e in m.entries}
        spam_pks = {entries[uid] for uid, name in origin.items() if SPAM in name}
        spam_cases = session.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.id.in_(spam_pks), Message.case_id.is_not(None))
        )
        spam_emails = session.scalar(
            select(func.count())
            .select_from(OutgoingEmail)
            .where(OutgoingEmail.message_pk.in_(spam_pks))
        )
        cases = session.scalar(select(func.count()).select_from(Case))

    assert "received" not in states, states  # every message has an outcome
    assert failed == [], failed  # no error escaped the reading
    assert sum(states.values()) == len(set(entries.values()))
    assert len(entries) == delivered  # every delivery is in the ledger
    assert spam_cases == 0
    assert spam_emails == 0

    names = {pk: origin[uid] for uid, pk in entries.items()}
    slowest = sorted(timings, reverse=True)[:10]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    with capsys.disabled():
        print(
            f"\ncorpus through the pipeline: {delivered} deliveries, outcomes {states}, "
            f"{cases} cases"
        )
        print("slowest messages:")
        for seconds, pk in slowest:
            print(f"  {seconds:6.2f} s  {names[pk]}")
        print(f"peak memory: service {own:.0f} MB, largest finished child {children:.0f} MB")

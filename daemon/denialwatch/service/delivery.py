"""Sending queued patient emails: at least once, never as two different emails.

Each email was composed once and stored; a send hands over those stored bytes, so a retry
is byte-identical, Message-ID included, and mail clients show one message. The row is
claimed with a compare-and-set lease before sending and marked sent after. A crash between
the send and the mark sends it again once on restart (the same Message-ID). A transient
error (timeout, refused connection, 4xx) is retried with exponential backoff; a permanent
one (5xx: recipient or message refused) marks the email failed with the error, for an
operator to see. Errors are recorded by kind and code, never with the email's content.

When the database goes away between the send and the mark, the process keeps the fact in
memory (``Runtime.unrecorded_sends``) and records it before sending anything else once the
database answers again, so an outage shorter than the lease does not send the email twice.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from denialwatch.errors import DeliveryError, StorageError
from denialwatch.mail.outgoing import Sender, StoredEmail, batch_of
from denialwatch.service.runtime import Runtime
from denialwatch.store.claims import claim, claim_batch, work_through
from denialwatch.store.db import transaction
from denialwatch.store.models import OutgoingEmail

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
CLAIM_BATCH = 25
"""Emails claimed in one statement: a few seconds of sending, which no other worker waits on."""
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
MAX_TRANSIENT_ATTEMPTS = 30


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... capped at an hour."""
    return min(BACKOFF_BASE * (1 << min(max(attempts - 1, 0), 16)), BACKOFF_CAP)


def claim_due(runtime: Runtime, now: datetime, limit: int) -> list[tuple[int, str]]:
    """Claim up to ``limit`` due emails, the earliest due first: (id, stored sha256) of each."""
    batch = claim(
        OutgoingEmail,
        ready=[OutgoingEmail.status == "pending", OutgoingEmail.next_attempt_at <= now],
        order_by=[OutgoingEmail.next_attempt_at, OutgoingEmail.id],
        now=now,
        lease=LEASE,
        limit=limit,
        columns=[OutgoingEmail.sha256],
    )
    return [(int(row[0]), str(row[1])) for row in claim_batch(runtime.sessions, batch)]


def load_email(runtime: Runtime, sha256: str) -> StoredEmail:
    """The stored email, ready for a sender: the composed bytes, sent as they are."""
    return StoredEmail(runtime.blobs.get(sha256))


def send_claimed(
    runtime: Runtime, sender: Sender, email_pk: int, sha256: str, now: datetime
) -> None:
    """Send an email this worker claimed, and record the outcome."""
    try:
        sender.send(load_email(runtime, sha256))
    except (DeliveryError, StorageError) as err:
        permanent = isinstance(err, DeliveryError) and err.permanent
        with transaction(runtime.sessions) as session:
            row = session.get_one(OutgoingEmail, email_pk)
            row.attempts += 1
            row.last_error = str(err)
            row.claimed_until = None
            if permanent or row.attempts >= MAX_TRANSIENT_ATTEMPTS:
                row.status = "failed"
            else:
                row.next_attempt_at = now + backoff(row.attempts)
            status = row.status
        log.warning(
            "email %d: %s (%s)",
            email_pk,
            "failed" if status == "failed" else "will retry",
            type(err).__name__,
        )
        return
    try:
        purpose = _mark_sent(runtime, email_pk, now)
    except SQLAlchemyError:
        runtime.unrecorded_sends[email_pk] = now
        log.warning("email %d sent; recording it waits for the database", email_pk)
        raise
    log.info("email %d sent (%s)", email_pk, purpose)


def _mark_sent(runtime: Runtime, email_pk: int, sent_at: datetime) -> str | None:
    """Record a send (one statement); returns the email's purpose, or None when the row is
    gone."""
    with transaction(runtime.sessions) as session:
        return session.scalar(
            update(OutgoingEmail)
            .where(OutgoingEmail.id == email_pk)
            .values(
                status="sent",
                attempts=OutgoingEmail.attempts + 1,
                sent_at=sent_at,
                claimed_until=None,
                last_error=None,
            )
            .returning(OutgoingEmail.purpose)
            .execution_options(synchronize_session=False)
        )


def record_unrecorded(runtime: Runtime) -> int:
    """Mark sent the emails this process sent while the database was away; returns how many.

    Raises the database's error while it is still away (nothing else may be sent meanwhile).
    """
    count = 0
    for email_pk, sent_at in sorted(runtime.unrecorded_sends.items()):
        _mark_sent(runtime, email_pk, sent_at)
        del runtime.unrecorded_sends[email_pk]
        log.info("email %d: its earlier send is now recorded", email_pk)
        count += 1
    return count


def send_due(
    runtime: Runtime, sender: Sender, now: datetime, stop: threading.Event | None = None
) -> int:
    """Send every email that is due; between two emails, give up when ``stop`` is set (the
    service is stopping: what is left is sent at the next start)."""
    record_unrecorded(runtime)
    count = 0
    hashes: dict[int, str] = {}

    def send(email_pk: int) -> None:
        send_claimed(runtime, sender, email_pk, hashes[email_pk], now)

    with batch_of(sender):
        while not (stop is not None and stop.is_set()) and (
            claimed := claim_due(runtime, now, CLAIM_BATCH)
        ):
            hashes.update(claimed)
            count += work_through(
                runtime.sessions,
                OutgoingEmail,
                [email_pk for email_pk, _ in claimed],
                send,
                claimed_until=now + LEASE,
                stop=stop,
            )
    return count

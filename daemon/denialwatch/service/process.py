"""Turning a stored message into an outcome: a case, an attachment to a case, or review.

Each message ends in exactly one of these states, with a reason a person can read:

- ``case``: a denial; a case was opened, a letter drafted and an email to the patient queued;
- ``attached``: about a case that already exists (same patient and reference number, or a
  reply in the thread of one of our emails);
- ``not_denial``: read, and not a denial (the reason says why);
- ``needs_review``: something stopped the reading (unreadable message or letter, no sender,
  an automatic message); a person should look;
- ``failed``: processing raised an unexpected error ``max_attempts`` times, or the service
  stopped while it held the message ``max_interruptions`` times; kept for review.

A message is claimed with a compare-and-set on ``claimed_until`` (a lease), so that two
workers, or a worker restarted after a crash, never process it at once; the outcome and the
whole case are committed in one transaction. An unexpected error is recorded on the message
(its type, never content) and the message is retried on later passes.

A message that kills the service itself (a native crash, the memory limit) raises nothing to
record, and after a restart it would be taken up first again, and again. So each claim
counts a start (``Message.starts``); a start that ended in neither an outcome, a recorded
error nor a give-back was interrupted. A message interrupted before is processed alone,
without reading the next one ahead (which would share its fate), and one interrupted
``max_interruptions`` times is set aside as failed instead of being tried again.
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from denialwatch.errors import ParseError, StorageError
from denialwatch.logs import stack_only
from denialwatch.service import cases, effects, letters, matching, replies, senders
from denialwatch.service.effects import Outcome
from denialwatch.service.runtime import Runtime
from denialwatch.service.understand import Understanding, understand
from denialwatch.store.claims import claim_next
from denialwatch.store.db import transaction
from denialwatch.store.models import Message

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
RETRY_BASE = timedelta(minutes=1)
FINAL_STATES = ("case", "attached", "not_denial", "needs_review", "failed")
AUTOMATIC_SENDERS = ("mailer-daemon", "postmaster", "no-reply-bounce")


def claim_one(runtime: Runtime, now: datetime) -> int | None:
    """Claim the oldest unprocessed message; returns its id, or None when there is none."""
    return claim_next(
        runtime.sessions,
        Message,
        ready=[Message.state == "received"],
        order_by=[Message.id],
        now=now,
        lease=LEASE,
        also={"starts": Message.starts + 1},
    )


def interruptions(message: Message) -> int:
    """How many earlier tries on a claimed message the service stopped in the middle of:
    starts before this one that were not recorded failures (the module doc)."""
    return max(0, message.starts - 1 - message.attempts)


def _interrupted_before(runtime: Runtime, message_pk: int) -> bool:
    with runtime.sessions() as session:
        return interruptions(session.get_one(Message, message_pk)) > 0


def _duplicate_of(session: Session, message: Message) -> Message | None:
    if not message.message_id:
        return None
    return session.scalar(
        select(Message)
        .where(
            Message.message_id == message.message_id,
            Message.id != message.id,
            Message.state.in_(FINAL_STATES),
        )
        .order_by(Message.id)
        .limit(1)
    )


def _settle(message: Message, outcome: Outcome, now: datetime) -> None:
    message.state = outcome.state
    message.reason = outcome.reason
    message.document_kind = outcome.kind
    message.processed_at = now
    message.claimed_until = None


def _read(runtime: Runtime, message: Message) -> Understanding | str:
    """What the message says, or why it cannot be read (a reason for the review list): read
    ahead (``process_in_turn``), or now."""
    ahead = runtime.read_ahead.take(message.id)
    if ahead is not None:
        result: Understanding | str = ahead.result()
        return result
    return read_stored(runtime, message.sha256)


def read_stored(runtime: Runtime, sha256: str) -> Understanding | str:
    """Read the stored message ``sha256``; writes nothing (safe on any thread)."""
    raw = runtime.blobs.get(sha256)
    service = runtime.config.service
    if len(raw) > service.max_message_bytes:
        return f"message larger than {service.max_message_bytes // (1024 * 1024)} MB; kept unread"
    try:
        return understand(raw, limits=runtime.config.documents, max_bytes=service.max_message_bytes)
    except ParseError as err:
        return f"email could not be read: {err}"


def _unanswerable(runtime: Runtime, understanding: Understanding) -> str | None:
    """Why no patient can be answered for this message, if none can."""
    sender = (understanding.forward.outer.sender_address or "").lower()
    own = runtime.from_address.rsplit("<", 1)[-1].strip(" >").lower()
    if not sender:
        return "no sender address to answer"
    if sender == own or sender.split("@", 1)[0] in AUTOMATIC_SENDERS:
        return "automatic message (a bounce or our own email)"
    return None


def _route(
    session: Session,
    runtime: Runtime,
    message: Message,
    understanding: Understanding,
    now: datetime,
) -> Outcome:
    """Attach to a case, open one, answer, or explain why not (see ``service.effects``)."""
    outer = understanding.forward.outer
    sender = (outer.sender_address or "").lower()
    ctx = effects.Context(session, runtime, message, understanding, sender, now)
    case = matching.thread_case(session, sender, outer)
    if case is not None:
        returned = letters.returns_letter(runtime, case, understanding)
        if understanding.reading.kind in effects.LETTER_KINDS and not returned:
            return effects.attach_to(ctx, case, "a letter sent in the case's thread")
        return replies.handle_reply(ctx, case, "a reply in the case's thread")
    patient = cases.find_patient(session, sender)
    case = matching.case_for_reading(session, patient, understanding.reading)
    if case is not None:
        return effects.attach_to(ctx, case, "about the same denial")
    return effects.without_case(ctx, patient)


def decide(session: Session, runtime: Runtime, message: Message, now: datetime) -> Outcome:
    """The outcome of ``message``, with its case written, within the caller's transaction."""
    duplicate = _duplicate_of(session, message)
    if duplicate is not None:
        message.case_id = duplicate.case_id
        cases.record_documents(session, runtime, message, None, None)
        state = "attached" if duplicate.case_id is not None else duplicate.state
        why = f"duplicate of message {duplicate.id} (same Message-ID)"
        return Outcome(state, why, duplicate.document_kind)
    understanding = _read(runtime, message)
    if isinstance(understanding, str):
        cases.record_documents(session, runtime, message, None, None)
        return Outcome("needs_review", understanding)
    refusal = _unanswerable(runtime, understanding) or senders.refused(
        session, runtime, message, understanding.forward.outer.sender_address or ""
    )
    if refusal is not None:
        cases.record_documents(session, runtime, message, understanding, None)
        return Outcome("needs_review", refusal, understanding.reading.kind.value)
    return _route(session, runtime, message, understanding, now)


def process_one(runtime: Runtime, now: datetime) -> int | None:
    """Claim and process one message; returns its id, or None when there was none."""
    message_pk = claim_one(runtime, now)
    if message_pk is None:
        return None
    process_claimed(runtime, message_pk, now)
    return message_pk


def process_in_turn(
    runtime: Runtime,
    now: datetime,
    stop: threading.Event | None = None,
    *,
    on_processed: Callable[[], None] | None = None,
) -> int:
    """Process stored messages in turn until none is left or ``stop`` is set; returns how
    many. Each next message is claimed, and read ahead (``service.read_ahead``), while the
    current one is answered. ``on_processed`` is called after each one is committed."""
    count = 0
    current = claim_one(runtime, now)
    while current is not None:
        if stop is not None and stop.is_set():
            _give_back(runtime, current)
            break
        # A message the service stopped on before is read alone: if it kills the service
        # again, it does not take a second message's try with it.
        following = None if _interrupted_before(runtime, current) else claim_one(runtime, now)
        if following is not None:
            following = _read_ahead(runtime, following)
        try:
            process_claimed(runtime, current, now)
        except BaseException:
            if following is not None:
                _give_back(runtime, following)
            raise
        count += 1
        if on_processed is not None:
            on_processed()
        current = following if following is not None else claim_one(runtime, now)
    return count


def _read_ahead(runtime: Runtime, message_pk: int) -> int | None:
    """Start reading a claimed message ahead; one the service stopped on before is given
    back instead, to be read alone in its turn (None)."""
    with runtime.sessions() as session:
        message = session.get_one(Message, message_pk)
        interrupted, sha256 = interruptions(message) > 0, message.sha256
    if interrupted:
        _give_back(runtime, message_pk)
        return None
    runtime.read_ahead.start(message_pk, lambda: read_stored(runtime, sha256))
    return message_pk


def _give_back(runtime: Runtime, message_pk: int) -> None:
    """Release a claimed message not processed (the service is stopping, or the one before
    it hit a full disk): the next pass, or another worker, takes it at once."""
    runtime.read_ahead.forget(message_pk)
    with suppress(Exception), transaction(runtime.sessions) as session:
        message = session.get_one(Message, message_pk)
        message.claimed_until = None
        message.starts -= 1  # not begun


def process_claimed(runtime: Runtime, message_pk: int, now: datetime) -> None:
    """Process a message this worker has claimed (see the module doc)."""
    try:
        _process_claimed(runtime, message_pk, now)
    finally:
        runtime.read_ahead.forget(message_pk)  # a reading nobody took (a duplicate, an error)


def _process_claimed(runtime: Runtime, message_pk: int, now: datetime) -> None:
    try:
        with transaction(runtime.sessions) as session:
            message = session.get_one(Message, message_pk)
            stopped = interruptions(message)
            if stopped >= runtime.config.service.max_interruptions:
                why = f"the service stopped {stopped} times while processing it; kept for review"
                message.last_error = "interrupted"
                _settle(message, Outcome("failed", why), now)
                log.warning(
                    "message %d: set aside, the service stopped on it %d times",
                    message_pk,
                    stopped,
                )
            else:
                _settle(message, decide(session, runtime, message, now), now)
            state, case_id = message.state, message.case_id
    except StorageError as err:
        if not _disk_trouble(err):
            _record_failure(runtime, message_pk, err, now)
            return
        # The disk, not the message: no attempt is counted (a full disk must not send a
        # denial to "failed"); it waits a minute and the caller reports storage failing.
        _retry_later(runtime, message_pk, now)
        raise
    except Exception as err:  # one bad message must never stop the daemon
        _record_failure(runtime, message_pk, err, now)
        return
    log.info("message %d: %s%s", message_pk, state, f" (case {case_id})" if case_id else "")


DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})
"""A full, read-only or failing disk: the store's trouble, not the message's."""


def _disk_trouble(err: StorageError) -> bool:
    cause = err.__cause__
    return isinstance(cause, OSError) and cause.errno in DISK_ERRNOS


def _retry_later(runtime: Runtime, message_pk: int, now: datetime) -> None:
    with suppress(Exception), transaction(runtime.sessions) as session:
        message = session.get_one(Message, message_pk)
        message.claimed_until = now + RETRY_BASE
        message.starts -= 1  # the disk's trouble, not an interruption


def _record_failure(runtime: Runtime, message_pk: int, err: Exception, now: datetime) -> None:
    error = type(err).__name__
    log.error("message %d: processing failed (%s)\n%s", message_pk, error, stack_only(err))
    with transaction(runtime.sessions) as session:
        message = session.get_one(Message, message_pk)
        message.attempts += 1
        message.last_error = error
        # Wait before the next try (1, 2, 4... minutes) so a bad message cannot spin a pass.
        message.claimed_until = now + RETRY_BASE * (1 << (message.attempts - 1))
        if message.attempts >= runtime.config.service.max_attempts:
            why = f"processing failed {message.attempts} times ({error}); kept for review"
            _settle(message, Outcome("failed", why), now)


def process_pending(runtime: Runtime, now: datetime) -> int:
    return process_in_turn(runtime, now)

"""Moving handled messages out of the watched folder, only after their outcome is committed.

A message whose case (or review state) is committed is filed to the processed folder
(``case``, ``attached``) or the review folder (everything else). A crash before filing
leaves it in the inbox, where the ledger knows it: the next pass files it and ingests
nothing twice. A filing error is recorded on the ledger entry and retried next pass.
Entries recorded under an older UIDVALIDITY cannot be filed by UID any more; the same
message listed under the new UIDVALIDITY gets an entry of its own and is filed through it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select

from denialwatch.errors import SourceError
from denialwatch.mail.source import Destination, InboxSource
from denialwatch.service.process import FINAL_STATES
from denialwatch.service.runtime import Runtime
from denialwatch.store.db import transaction
from denialwatch.store.models import MailboxEntry, Message

log = logging.getLogger(__name__)

PROCESSED_STATES = ("case", "attached")


def destination_for(state: str) -> Destination:
    return Destination.PROCESSED if state in PROCESSED_STATES else Destination.REVIEW


def pending_filing(
    runtime: Runtime, source: InboxSource, uidvalidity: int
) -> list[tuple[int, str, str]]:
    """(entry id, uid, message state) of every handled message still in the watched folder."""
    with runtime.sessions() as session:
        rows = session.execute(
            select(MailboxEntry.id, MailboxEntry.uid, Message.state)
            .join(Message, MailboxEntry.message_pk == Message.id)
            .where(
                MailboxEntry.account == source.account,
                MailboxEntry.folder == source.folder,
                MailboxEntry.uidvalidity == uidvalidity,
                MailboxEntry.filed_at.is_(None),
                Message.state.in_(FINAL_STATES),
            )
            .order_by(MailboxEntry.id)
        )
        return [(entry_id, uid, state) for entry_id, uid, state in rows]


def file_one(
    runtime: Runtime, source: InboxSource, *, entry_id: int, uid: str, state: str, now: datetime
) -> bool:
    destination = destination_for(state)
    try:
        folder = source.file(uid, destination)
    except SourceError as err:
        with transaction(runtime.sessions) as session:
            session.get_one(MailboxEntry, entry_id).file_error = str(err)
        log.warning("uid %s: could not file to %s: %s", uid, destination.value, err)
        return False
    with transaction(runtime.sessions) as session:
        entry = session.get_one(MailboxEntry, entry_id)
        entry.filed_to = folder
        entry.filed_at = now
        entry.file_error = None
    log.info("uid %s filed to %s", uid, destination.value)
    return True


def file_handled(runtime: Runtime, source: InboxSource, now: datetime) -> int:
    count = 0
    for entry_id, uid, state in pending_filing(runtime, source, source.uidvalidity()):
        if file_one(runtime, source, entry_id=entry_id, uid=uid, state=state, now=now):
            count += 1
    return count

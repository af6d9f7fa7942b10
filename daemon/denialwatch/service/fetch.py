"""Taking new messages out of the inbox into the ledger, the document store and the database.

Idempotent by construction: a message is named in the ledger by its mailbox key (account,
folder, UIDVALIDITY, UID), so listing it again does nothing; and by its content hash, so the
same bytes seen under another key (a changed UIDVALIDITY, a second worker, a re-delivery)
point to the one message already stored. A message that repeats only the Message-ID of an
earlier one, with different bytes, is kept as a message of its own and the processing step
recognises it as a duplicate.

The raw bytes are written to the document store before the row that names them is
committed, so a committed row always has its blob. Nothing is filed away here: the filing
step moves a message only after its outcome is committed.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from denialwatch.mail.source import InboxSource, MailboxKey
from denialwatch.service.runtime import Runtime
from denialwatch.store.blobs import sha256_hex
from denialwatch.store.db import transaction
from denialwatch.store.models import MailboxEntry, Message

log = logging.getLogger(__name__)


def _message_id_of(raw: bytes) -> str | None:
    """The Message-ID header, read cheaply from the header block (full parsing comes later)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    for index, line in enumerate(lines):
        if line[:11].lower() == b"message-id:":
            value = line[11:]
            for follow in lines[index + 1 :]:
                if follow[:1] not in (b" ", b"\t"):
                    break
                value += follow
            text = value.decode("ascii", "replace").strip().strip("<>").strip()
            return text[:998] or None
    return None


def known_uids(runtime: Runtime, key: MailboxKey) -> set[str]:
    with runtime.sessions() as session:
        rows = session.scalars(
            select(MailboxEntry.uid).where(
                MailboxEntry.account == key.account,
                MailboxEntry.folder == key.folder,
                MailboxEntry.uidvalidity == key.uidvalidity,
            )
        )
        return set(rows)


def ingest_one_uid(runtime: Runtime, source: InboxSource, key: MailboxKey, now: datetime) -> bool:
    """Fetch one UID and record it; returns whether a new ledger entry was made."""
    raw = source.fetch(key.uid)
    if raw is None:
        return False
    digest = runtime.blobs.put(raw)
    assert digest == sha256_hex(raw)
    try:
        with transaction(runtime.sessions) as session:
            message = session.scalar(select(Message).where(Message.sha256 == digest))
            if message is None:
                message = Message(
                    sha256=digest,
                    message_id=_message_id_of(raw),
                    size=len(raw),
                    received_at=now,
                    state="received",
                )
                session.add(message)
                session.flush()
            session.add(
                MailboxEntry(
                    account=key.account,
                    folder=key.folder,
                    uidvalidity=key.uidvalidity,
                    uid=key.uid,
                    message_pk=message.id,
                    seen_at=now,
                )
            )
            message_pk = message.id
    except IntegrityError:
        # Another worker recorded the same key (or the same bytes) first: nothing is lost.
        log.info("uid %s already recorded by another worker", key.uid)
        return False
    log.info("stored uid %s as message %d (%d bytes)", key.uid, message_pk, len(raw))
    return True


def fetch_new(runtime: Runtime, source: InboxSource, now: datetime) -> int:
    """Record every message of the watched folder not yet in the ledger; returns how many."""
    uidvalidity = source.uidvalidity()
    base = MailboxKey(source.account, source.folder, uidvalidity, "")
    seen = known_uids(runtime, base)
    count = 0
    for uid in source.list_uids():
        if uid in seen:
            continue
        key = MailboxKey(source.account, source.folder, uidvalidity, uid)
        if ingest_one_uid(runtime, source, key, now):
            count += 1
    return count

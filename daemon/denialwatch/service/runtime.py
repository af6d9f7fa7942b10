"""Everything a service step needs, built once from the configuration and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from denialwatch.config import Config, ImapInbox, SmtpOutgoing
from denialwatch.mail.outgoing import Sender
from denialwatch.mail.source import InboxSource
from denialwatch.service.read_ahead import ReadAhead
from denialwatch.store.blobs import BlobStore
from denialwatch.store.db import make_engine, session_factory, upgrade


@dataclass(frozen=True)
class Runtime:
    config: Config
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    # Emails this process handed to the mail server but could not yet mark sent because the
    # database was away: id -> when it was sent. The dispatcher records them before it sends
    # anything else, so a database outage does not make a patient get the same email twice.
    unrecorded_sends: dict[int, datetime] = field(default_factory=dict, compare=False)
    # Messages claimed and being read ahead while the one before them is answered.
    read_ahead: ReadAhead[Any] = field(default_factory=ReadAhead, compare=False)

    def open_source(self) -> InboxSource:
        """A new, not yet connected, inbox source (use it as a context manager)."""
        inbox = self.config.inbox
        if isinstance(inbox, ImapInbox):
            from denialwatch.mail.imap import ImapSource

            return ImapSource(inbox)
        from denialwatch.mail.maildir import MaildirSource

        return MaildirSource(inbox)

    def sender(self) -> Sender:
        outgoing = self.config.outgoing
        if isinstance(outgoing, SmtpOutgoing):
            from denialwatch.mail.smtp import SmtpSender

            return SmtpSender(outgoing)
        from denialwatch.mail.outbox import MaildirOutbox

        return MaildirOutbox(outgoing)

    @property
    def from_address(self) -> str:
        return self.config.outgoing.from_address

    def close(self) -> None:
        self.engine.dispose()


def build_runtime(config: Config, *, migrate: bool = True) -> Runtime:
    """Open the database (applying migrations unless told not to) and the document store."""
    engine = make_engine(config.database.url)
    if migrate:
        upgrade(engine)
    blobs = BlobStore(config.storage.path)
    blobs.ensure()
    return Runtime(config=config, engine=engine, sessions=session_factory(engine), blobs=blobs)

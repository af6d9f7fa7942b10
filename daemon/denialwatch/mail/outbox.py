"""An outbox that writes each outgoing email into a local Maildir instead of sending it.

For demonstrations, tests and a deployment that lets another program (or a person) pick
the emails up: every email becomes one file in ``new/`` of the Maildir at
``outgoing.path``, where any mail client that reads Maildirs shows it.

Idempotent per Message-ID: the file is named after the SHA-256 of the Message-ID, so sending
the same email again (the at-least-once retry after a crash, see
``denialwatch.mail.outgoing``) replaces the file instead of adding a second one. If a mail
client has meanwhile moved it to ``cur/`` (with its ":2,S" flags), that file is replaced in
place. Each write goes to ``tmp/`` first, is flushed to disk, and is renamed over the
target, so a reader never sees half an email.

Files are 0600 and directories 0700: these are letters about a person's health care.
"""

from __future__ import annotations

import hashlib
import logging
import mailbox
import os
import secrets
from email.message import EmailMessage
from pathlib import Path

from denialwatch.config import MaildirOutgoing
from denialwatch.errors import DeliveryError
from denialwatch.mail.maildir import ensure_maildir
from denialwatch.mail.outgoing import StoredEmail, stored

_log = logging.getLogger(__name__)

_COLON = mailbox.Maildir.colon


def outbox_file_name(message_id: str) -> str:
    """The file name for an email: the hex SHA-256 of its Message-ID (angle brackets kept)."""
    return hashlib.sha256(message_id.strip().encode("utf-8")).hexdigest()


class MaildirOutbox:
    """Write each email as a file into a Maildir (see the module doc)."""

    def __init__(self, config: MaildirOutgoing) -> None:
        self._path = config.path.absolute()

    def send(self, email: StoredEmail | EmailMessage) -> None:
        message = stored(email)
        message_id = message.message_id
        if message_id is None:
            raise DeliveryError(
                "outbox: the email has no Message-ID, so it cannot be written idempotently",
                permanent=True,
            )
        name = outbox_file_name(message_id)
        # LF line endings, as Maildirs have them.
        data = message.data.replace(b"\r\n", b"\n")
        try:
            ensure_maildir(self._path)
            target = self._existing(name) or self._path / "new" / name
            self._write(data, target)
        except OSError as err:
            cause = err.strerror or type(err).__name__
            raise DeliveryError(
                f"outbox {self._path}: writing {name}: {cause}", permanent=False
            ) from err
        _log.debug("outbox: wrote %s", name)

    def _existing(self, name: str) -> Path | None:
        """The file already holding this email, in new/ or (moved by a reader) cur/."""
        fresh = self._path / "new" / name
        if fresh.exists():
            return fresh
        with os.scandir(self._path / "cur") as entries:
            for entry in entries:
                if entry.name.split(_COLON, 1)[0] == name:
                    return Path(entry.path)
        return None

    def _write(self, data: bytes, target: Path) -> None:
        temporary = self._path / "tmp" / f"{target.name.split(_COLON, 1)[0]}.{secrets.token_hex(8)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        # The rename is durable only once the directory is on disk too.
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

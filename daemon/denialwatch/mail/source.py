"""What the service needs from an inbox, whatever holds it (an IMAP server or a Maildir).

Semantics, shared by every source:

- A message is named by a ``MailboxKey``: the account, the folder, the folder's UIDVALIDITY
  (0 for a Maildir) and the message's UID in that folder (an IMAP UID, or a Maildir key),
  always as a string. The service keeps a ledger of these keys so that a message is ingested
  once however often it is listed.
- ``list_uids`` lists what is in the watched folder now; it does not remember anything.
- ``fetch`` returns the raw bytes exactly as stored on the server.
- ``file`` moves a message out of the watched folder into the processed or review folder.
  The service calls it only after the message's outcome is committed to the database, so a
  crash between the two leaves the message in the inbox, where the ledger recognises it.
  Filing a message that is no longer there is not an error (another worker filed it).
- ``wait_for_change`` blocks until the watched folder may have changed (IMAP IDLE; a
  Maildir's listing), at most ``timeout`` seconds, and returns at once when ``stop`` is set.
  True means "look again" (a source that cannot tell, an IMAP server without IDLE, sleeps
  for the timeout and says True); False means the timeout passed or ``stop`` was set with
  nothing seen. ``idle_supported`` says whether it can tell, so the caller knows whether to
  poll on its own schedule.
- Sources raise ``SourceError`` for anything the server or the file system refuses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self


class Destination(StrEnum):
    PROCESSED = "processed"
    REVIEW = "review"


@dataclass(frozen=True)
class MailboxKey:
    account: str
    folder: str
    uidvalidity: int
    uid: str


class InboxSource(Protocol):
    """An open connection to one watched folder. Use as a context manager."""

    @property
    def account(self) -> str: ...

    @property
    def folder(self) -> str: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def uidvalidity(self) -> int:
        """The watched folder's UIDVALIDITY (0 for a Maildir)."""
        ...

    def list_uids(self) -> list[str]:
        """The UIDs in the watched folder now, oldest first."""
        ...

    def fetch(self, uid: str) -> bytes | None:
        """The raw message, or None when it is no longer in the folder."""
        ...

    def file(self, uid: str, destination: Destination) -> str:
        """Move the message to the processed or review folder; returns that folder's name."""
        ...

    @property
    def idle_supported(self) -> bool:
        """Whether ``wait_for_change`` is told of changes (True) or only sleeps (False)."""
        ...

    def wait_for_change(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the folder to change; see the module doc."""
        ...

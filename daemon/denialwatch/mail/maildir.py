"""The watched folder in a local Maildir, through the standard library's ``mailbox``.

For a deployment where the mail server delivers to disk (Postfix or Dovecot LDA into a
Maildir the daemon can read) and for demonstrations without a mail server. The semantics
are those of ``denialwatch.mail.source``:

- The watched folder is the Maildir's INBOX: its ``new/`` and ``cur/``. A message's UID is
  its Maildir key (the file name up to the ":2," info), and UIDVALIDITY is always 0: keys
  never change, so there is nothing to validate.
- ``list_uids`` sorts by the delivery time every Maildir writer puts at the start of the
  name, then by name; a name that does not start with digits sorts first.
- ``fetch`` reads the file; it never renames it, so the message stays unread (``new/``,
  or ``cur/`` without the S flag) for any mail client looking at the same Maildir.
- ``file`` renames the file into the Maildir++ subfolder named from the configuration
  ("denialwatch/processed" becomes ``.denialwatch.processed``), into the same ``new/`` or
  ``cur/`` with the same name, so flags and read state move with it. A rename within one
  file system is atomic: the message is never in both folders nor in neither. A file that
  is already gone was filed by someone else, which is not an error.
- ``wait_for_change`` looks at the keys in ``new/`` and ``cur/`` about once a second (a
  directory listing is cheap, and needs no inotify) and returns True as soon as they differ
  from what ``list_uids`` last returned, less what was filed since. A mail client moving a
  message from ``new/`` to ``cur/`` or changing its flags is not a change.

Directories this module creates are 0700, and the one file it writes (the Maildir++
``maildirfolder`` marker) 0600. It does not change the mode of messages someone else wrote.
"""

from __future__ import annotations

import errno
import logging
import mailbox
import os
import re
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from denialwatch.config import MaildirInbox
from denialwatch.errors import SourceError
from denialwatch.mail.source import Destination

_log = logging.getLogger(__name__)

_SUBDIRS = ("tmp", "new", "cur")
_LEADING_DIGITS = re.compile(r"\d+")
_COLON = mailbox.Maildir.colon
WATCH_STEP_SECONDS = 1.0


def ensure_maildir(path: Path) -> None:
    """Create the Maildir at ``path`` and any of its tmp/new/cur that are missing, 0700.

    The parent directory must exist: a missing parent is more likely a typo in the
    configuration than a wish for a new directory tree. Raises ``OSError``.
    """
    for directory in (path, *(path / sub for sub in _SUBDIRS)):
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            if not directory.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(directory)) from None


def maildir_folder_name(name: str) -> str:
    """The Maildir++ folder for a configured name: "denialwatch/processed" gives
    "denialwatch.processed" (the directory is that with a leading dot)."""
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise SourceError(f"{name!r} is not a usable folder name for a Maildir")
    return ".".join(parts)


_PYTHON_KEY = re.compile(r"^(\d+)\.M(\d+)P\d+Q(\d+)")
"""Python's ``mailbox`` key: seconds, microseconds (not zero-padded), pid, a counter."""


def _delivery_order(key: str) -> tuple[int, int, int, str]:
    """Seconds, then microseconds and counter compared as numbers: as text "M99000" would
    sort after "M100000", and two messages delivered in one second could swap."""
    parts = _PYTHON_KEY.match(key)
    if parts:
        return (int(parts.group(1)), int(parts.group(2)), int(parts.group(3)), key)
    digits = _LEADING_DIGITS.match(key)
    return (int(digits.group()) if digits else -1, -1, -1, key)


class MaildirSource:
    """The INBOX of a local Maildir (see the module doc). Use as a context manager."""

    def __init__(self, config: MaildirInbox) -> None:
        self._config = config
        self._path = config.path.absolute()
        self._folders = {
            Destination.PROCESSED: maildir_folder_name(config.processed_folder),
            Destination.REVIEW: maildir_folder_name(config.review_folder),
        }
        self._box: mailbox.Maildir | None = None
        self._listed: frozenset[str] | None = None

    @property
    def account(self) -> str:
        return f"maildir:{self._path}"

    @property
    def folder(self) -> str:
        return self._config.folder

    def __enter__(self) -> Self:
        try:
            ensure_maildir(self._path)
            self._box = mailbox.Maildir(self._path, factory=None, create=False)
        except OSError as err:
            raise SourceError(self._describe("opening", err)) from err
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._box = None
        self._listed = None

    def uidvalidity(self) -> int:
        return 0

    def list_uids(self) -> list[str]:
        box = self._open()
        try:
            keys = box.keys()
        except OSError as err:
            raise SourceError(self._describe("listing", err)) from err
        # A name starting with a dot is not a message (the Maildir specification).
        uids = sorted((key for key in keys if not key.startswith(".")), key=_delivery_order)
        self._listed = frozenset(uids)
        return uids

    def fetch(self, uid: str) -> bytes | None:
        self._open()
        # Read the file ourselves rather than through mailbox's cached table of contents, so
        # that a move from new/ to cur/ by a mail client is seen as such, not as "gone".
        for _ in range(3):
            path = self._locate(uid)
            if path is None:
                break
            try:
                return path.read_bytes()
            except FileNotFoundError:
                continue
            except OSError as err:
                raise SourceError(self._describe(f"reading {uid}", err)) from err
        return None

    def file(self, uid: str, destination: Destination) -> str:
        self._open()
        name = (
            self._config.processed_folder
            if destination is Destination.PROCESSED
            else self._config.review_folder
        )
        target = self._path / f".{self._folders[destination]}"
        try:
            self._ensure_folder(target)
        except OSError as err:
            raise SourceError(self._describe(f"creating folder {name!r}", err)) from err
        # A mail client may move the file from new/ to cur/ between our lookup and our
        # rename; look again then. Still absent: it was filed or deleted by someone else.
        for _ in range(3):
            source = self._locate(uid)
            if source is None:
                break
            try:
                os.rename(source, target / source.parent.name / source.name)
            except FileNotFoundError:
                continue
            except OSError as err:
                raise SourceError(self._describe(f"filing {uid} in {name!r}", err)) from err
            _log.debug("maildir: filed %s in %s", uid, name)
            self._forget(uid)
            return name
        _log.debug("maildir: %s was already gone from the inbox", uid)
        self._forget(uid)
        return name

    @property
    def idle_supported(self) -> bool:
        return True  # the listing is watched, so a change is seen within a second

    def wait_for_change(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        self._open()
        stop = stop or threading.Event()
        baseline = self._listed if self._listed is not None else self._keys()
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if self._keys() != baseline:
                return True
            left = deadline - time.monotonic()
            if left <= 0 or stop.wait(min(WATCH_STEP_SECONDS, left)):
                return False

    def _keys(self) -> frozenset[str]:
        """The message keys in new/ and cur/ now, read from the directories themselves."""
        keys: set[str] = set()
        for sub in ("new", "cur"):
            try:
                with os.scandir(self._path / sub) as entries:
                    keys.update(
                        entry.name.split(_COLON, 1)[0]
                        for entry in entries
                        if not entry.name.startswith(".")
                    )
            except OSError as err:
                raise SourceError(self._describe(f"listing {sub}/", err)) from err
        return frozenset(keys)

    def _forget(self, uid: str) -> None:
        if self._listed is not None:
            self._listed = self._listed - {uid}

    def _open(self) -> mailbox.Maildir:
        if self._box is None:
            raise SourceError("the Maildir source is used outside its with block")
        return self._box

    def _locate(self, key: str) -> Path | None:
        """The file holding ``key`` in new/ or cur/, or None."""
        if not key or "/" in key or _COLON in key or key.startswith("."):
            raise SourceError(f"{key!r} is not a Maildir key")
        fresh = self._path / "new" / key
        if fresh.exists():
            return fresh
        try:
            with os.scandir(self._path / "cur") as entries:
                for entry in entries:
                    if entry.name.split(_COLON, 1)[0] == key:
                        return Path(entry.path)
        except OSError as err:
            raise SourceError(self._describe("listing cur/", err)) from err
        return None

    def _ensure_folder(self, folder: Path) -> None:
        ensure_maildir(folder)
        marker = folder / "maildirfolder"  # Maildir++: "this directory is a folder"
        if not marker.exists():
            os.close(os.open(marker, os.O_CREAT | os.O_WRONLY, 0o600))
            _log.info("maildir: created folder %s", folder.name)

    def _describe(self, action: str, err: OSError) -> str:
        cause = err.strerror or type(err).__name__
        where = err.filename or self._path
        return f"Maildir {self._path}: {action}: {cause} ({where})"

"""Logging to stderr for journald, with identifiers only.

The service logs case ids, message ids (database numbers), UIDs and reminder ids — never a
subject, a sender, a body, letter text or a secret. Libraries that log protocol traffic or
message content at low levels (imapclient logs IMAP commands, mail-parser logs header
problems with their values, pdfminer logs object dumps) are held at a level where they say
nothing of the content.
"""

from __future__ import annotations

import logging
import sys
import traceback

# Loggers of libraries that would write message content or protocol lines if let through.
_CONTENT_LOGGERS = {
    "imapclient": logging.WARNING,
    "imapclient.imaplib": logging.CRITICAL,
    "mailparser": logging.CRITICAL,
    "pdfminer": logging.ERROR,
    "pdfplumber": logging.ERROR,
    "mail.log": logging.CRITICAL,  # aiosmtpd, in tests
    "apscheduler": logging.WARNING,
    "alembic": logging.WARNING,
    # fpdf2 and fontTools, drawing letters: the glyphs a letter uses, table by table.
    "fpdf": logging.WARNING,
    "fontTools": logging.WARNING,
}


def quiet_content_loggers() -> None:
    for name, level in _CONTENT_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)


def setup(level: int = logging.INFO, *, journald: bool = False) -> None:
    """Send log records to stderr; under systemd the journal adds the time and unit."""
    handler = logging.StreamHandler(sys.stderr)
    fmt = (
        "%(levelname)s %(name)s: %(message)s"
        if journald
        else ("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.setFormatter(logging.Formatter(fmt))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_content_loggers()


def stack_only(err: BaseException) -> str:
    """Where an error happened, without its message: messages can quote the data at fault."""
    frames = traceback.extract_tb(err.__traceback__)
    lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames[-12:]]
    return "\n".join([f"{type(err).__module__}.{type(err).__qualname__} at", *lines])

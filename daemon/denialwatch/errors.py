"""The small error vocabulary of denialwatch.

Each adapter converts the errors of the library it wraps into one of these at its edge
(``raise ... from err``), so that the service layer decides what to do with a failure by
its kind, not by which library raised it. Messages never carry health information: they
name keys, identifiers and causes, not subjects, senders or letter text.
"""

from __future__ import annotations


class DenialwatchError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(DenialwatchError):
    """The configuration is missing, unreadable or invalid; the message names the key."""


class ParseError(DenialwatchError):
    """An email or document could not be read; the item goes to review with this reason."""


class DocumentError(ParseError):
    """A document (PDF, image) could not be read: encrypted, damaged, too large, too slow."""


class SourceError(DenialwatchError):
    """The inbox (IMAP server or Maildir) could not be reached or refused an operation."""


class StorageError(DenialwatchError):
    """The document store or the database refused a write."""


class DeliveryError(DenialwatchError):
    """An outgoing email could not be handed over.

    ``permanent`` is true when retrying cannot help (the recipient was refused, the message
    was rejected); false for a timeout, a dropped connection or a 4xx reply.
    """

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class LetterError(DenialwatchError):
    """A letter operation was refused: placeholders remain, no such version, not approved."""

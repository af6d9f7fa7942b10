"""OAuth 2 access tokens for IMAP and SMTP logins (SASL XOAUTH2), as Gmail and Microsoft 365
ask for.

denialwatch does not run the OAuth dance itself: a refresh token and a client secret are
better kept by a tool made for that (oauth2ms, mutt_oauth2.py, a systemd timer). The
configuration names either a file the tool keeps current (``oauth2_token_file``) or a command
that prints a current token (``oauth2_token_command``, run without a shell). ``access_token``
is called at each connection, since access tokens expire within the hour.

A token is a secret: no message, log line or exception here repeats it, and neither the
command's output nor its standard error is logged (a failing helper may print the refresh
token). A token that cannot be had is a ``SourceError``, the kind of failure a retry with
backoff may cure (the tool has not written the file yet, the provider is unreachable); the
SMTP sender turns it into a transient ``DeliveryError``.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from denialwatch.config import ImapInbox, SmtpOutgoing
from denialwatch.errors import ConfigError, SourceError

_log = logging.getLogger(__name__)

TOKEN_COMMAND_TIMEOUT = 30.0
"""Seconds an ``oauth2_token_command`` may run before it is killed."""


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response, before base64: user, bearer token, two ^A."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def access_token(
    settings: ImapInbox | SmtpOutgoing, *, timeout: float = TOKEN_COMMAND_TIMEOUT
) -> str:
    """The current access token for ``settings`` (``auth = "xoauth2"``), read afresh.

    Raises ``ConfigError`` when the settings name no token source and ``SourceError`` when
    the file or the command does not yield a usable token; neither message holds the token.
    """
    if settings.oauth2_token_command is not None:
        key = f"{settings.section}.oauth2_token_command"
        token = _from_command(key, settings.oauth2_token_command, timeout)
    elif settings.oauth2_token_file is not None:
        key = f"{settings.section}.oauth2_token_file"
        token = _from_file(key, settings.oauth2_token_file)
    else:
        raise ConfigError(f"{settings.section}.auth: no oauth2_token_file or oauth2_token_command")
    token = token.strip()
    if not token:
        raise SourceError(f"{key}: the token is empty")
    if not token.isascii() or not token.isprintable() or any(c.isspace() for c in token):
        # A bearer token is base64url-like; anything else would corrupt the SASL string.
        raise SourceError(f"{key}: the token holds spaces, control or non-ASCII characters")
    _log.debug("oauth: got an access token (%s)", key)
    return token


def _from_file(key: str, path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{key}: {path} is not UTF-8 text") from None
    except OSError as err:
        cause = err.strerror or type(err).__name__
        raise SourceError(f"{key}: cannot read {path}: {cause}") from None


def _from_command(key: str, command: tuple[str, ...], timeout: float) -> str:
    program = command[0]
    try:
        # stdin closed so that a helper asking for a browser login fails instead of waiting.
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SourceError(f"{key}: {program} did not finish within {timeout:g} s") from None
    except OSError as err:
        raise SourceError(
            f"{key}: cannot run {program}: {err.strerror or type(err).__name__}"
        ) from None
    if done.returncode != 0:
        # Its stderr may quote the refresh token or the provider's reply: not logged.
        raise SourceError(f"{key}: {program} exited with status {done.returncode}")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"{key}: {program} printed something that is not UTF-8") from None

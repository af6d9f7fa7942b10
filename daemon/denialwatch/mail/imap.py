"""The watched folder on an IMAP server, through imapclient.

One ``ImapSource`` is one connection: ``__enter__`` connects, upgrades with STARTTLS when
configured, logs in and selects the watched folder read-write; ``__exit__`` logs out. The
semantics are those of ``denialwatch.mail.source``:

- ``list_uids`` is ``UID SEARCH ALL``; ``fetch`` is ``UID FETCH BODY.PEEK[]``, which leaves
  ``\\Seen`` alone, so a patient or an operator reading the same mailbox still sees the
  message as new until it is filed.
- ``file`` creates the processed or review folder when absent, then ``UID MOVE`` when the
  server advertises MOVE, else ``UID COPY``, ``\\Deleted`` and ``UID EXPUNGE`` of that UID
  (UIDPLUS). Without UIDPLUS the last step is a plain ``EXPUNGE``, which also removes any
  other message someone flagged ``\\Deleted`` in the watched folder and did not expunge;
  that is what such a flag asks for, so we accept it, and log a warning once per connection.
  A crash between COPY and EXPUNGE leaves the message in both folders; the ledger recognises
  it in the inbox and files it again, so the processed folder may hold a duplicate.
- Folder names in the configuration use "/" as the separator and no namespace prefix; they
  are translated to the server's hierarchy delimiter and personal namespace ("INBOX." on
  Courier-style servers) by ``server_folder_name``. ``file`` returns the configured name.
- Every imapclient, socket and TLS error leaves as ``SourceError`` naming host, port, the
  step and the cause, never message content.

Logging: imapclient copies the whole IMAP conversation, message bodies included, to the
``imapclient.imaplib`` logger at DEBUG (it redacts only LOGIN and AUTHENTICATE arguments).
Unless someone set that logger's level on purpose, we raise it to INFO, so that running the
daemon at DEBUG never writes a denial letter into the journal.

Login: ``auth = "password"`` uses LOGIN (SASL PLAIN for a password or username outside
ASCII); ``auth = "xoauth2"`` uses AUTHENTICATE XOAUTH2 with an access token fetched afresh for
each connection (``denialwatch.mail.oauth``).

Waiting: ``wait_for_change`` enters IDLE on the selected folder and returns as soon as the
server reports a change (EXISTS, RECENT, EXPUNGE, FETCH), or when the timeout runs out or
``stop`` is set; it always sends DONE before returning, so the caller can list and fetch at
once. A NOOP first reports what arrived between two waits (Dovecot may otherwise hold it back
until its next periodic check), and ``list_uids`` sends one too, for the same reason. A
wait is capped at 9 minutes: servers may drop an IDLE older than 30 minutes (RFC 2177), and
NAT boxes forget quiet connections sooner. It looks at ``stop`` every second
or less, so SIGTERM ends it promptly. A connection the server closed (a restart, a BYE)
raises ``SourceError`` within about a second; one that went silent (a network path lost)
is caught by TCP keepalive after about two minutes, or by the read timeout at DONE. Without
IDLE on the server, ``wait_for_change`` sleeps and asks the caller to poll.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from denialwatch.config import ImapInbox, Security
from denialwatch.errors import SourceError
from denialwatch.mail.oauth import access_token
from denialwatch.mail.source import Destination

_log = logging.getLogger(__name__)

_WIRE_LOGGER = "imapclient.imaplib"
_DELETED = b"\\Deleted"
_BODY = b"BODY[]"

MAX_IDLE_SECONDS = 540.0
"""The longest single IDLE: renewed well before the 30-minute limit of RFC 2177."""
_IDLE_STEP = 1.0
"""How often (seconds) a wait looks at its ``stop`` event."""
_CHANGES = frozenset({b"EXISTS", b"RECENT", b"EXPUNGE", b"FETCH"})
_KEEPALIVE = {"TCP_KEEPIDLE": 60, "TCP_KEEPINTVL": 15, "TCP_KEEPCNT": 4}
"""Probe a quiet connection after a minute; give up after four unanswered probes."""


@dataclass(frozen=True)
class ImapCheck:
    """What ``ImapSource.check`` found, for the ``doctor`` command."""

    capabilities: frozenset[str]
    folders_created: tuple[str, ...]
    """Configured names of the folders that did not exist and were created."""
    idle: bool
    move: bool
    uidplus: bool


def server_folder_name(name: str, *, prefix: str, delimiter: str | None) -> str:
    """The server's name for a configured folder name such as "denialwatch/processed".

    "/" becomes the server's hierarchy delimiter (kept as is on a flat server, whose
    delimiter is NIL) and the personal namespace prefix is put in front unless the name
    already starts with it. INBOX is INBOX everywhere.
    """
    if name.upper() == "INBOX":
        return "INBOX"
    server = name.replace("/", delimiter) if delimiter else name
    if prefix and not server.upper().startswith(prefix.upper()):
        server = prefix + server
    return server


def _cause(err: BaseException) -> str:
    """A short description of a library error: its kind and the server's or OS's words."""
    if isinstance(err, ssl.SSLCertVerificationError):
        text = f"certificate not trusted: {err.verify_message}"
    elif isinstance(err, TimeoutError):
        text = "timed out"
    elif isinstance(err, OSError) and err.strerror:
        text = err.strerror
    else:
        text = str(err)
    # imapclient puts the server's reply in as the repr of bytes: b'[AUTHENTICATIONFAILED] ...'
    quoted = re.fullmatch(r"b(['\"])(.*)\1", text, flags=re.DOTALL)
    if quoted:
        text = quoted.group(2)
    return f"{type(err).__name__}: {text}"[:300]


def _quiet_wire_log() -> None:
    wire = logging.getLogger(_WIRE_LOGGER)
    if wire.level == logging.NOTSET:
        wire.setLevel(logging.INFO)


def _tls_context(config: ImapInbox) -> ssl.SSLContext:
    try:
        if config.tls_ca_file is None:
            return ssl.create_default_context()
        return ssl.create_default_context(cafile=str(config.tls_ca_file))
    except (OSError, ValueError) as err:
        raise SourceError(
            f"IMAP {config.host}:{config.port}: cannot load inbox.tls_ca_file "
            f"{config.tls_ca_file}: {_cause(err)}"
        ) from err


def _is_change(response: Any) -> bool:
    """True for an untagged "* 3 EXISTS", "* 2 EXPUNGE", "* 0 RECENT", "* 5 FETCH (FLAGS ...)"."""
    return (
        isinstance(response, tuple)
        and len(response) >= 2
        and isinstance(response[0], int)
        and response[1] in _CHANGES
    )


def _is_bye(response: Any) -> bool:
    return isinstance(response, tuple) and bool(response) and response[0] == b"BYE"


def _set_keepalive(sock: socket.socket) -> None:
    """TCP keepalive, so that a connection whose peer vanished fails instead of idling on."""
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        for name, value in _KEEPALIVE.items():
            option = getattr(socket, name, None)  # Linux names; other systems keep defaults
            if option is not None:
                sock.setsockopt(socket.IPPROTO_TCP, option, value)


def _peer_closed(sock: socket.socket) -> bool:
    """Whether the peer closed the connection (or it failed), peeking without consuming.

    Peeks at the TCP layer through a duplicate descriptor, since a TLS socket refuses
    MSG_PEEK; pending bytes (even of a TLS record) mean the connection is still there.
    """
    try:
        with socket.socket(fileno=os.dup(sock.fileno())) as raw:
            data = raw.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return False
    except OSError:
        return True
    return data == b""


def _uid_number(uid: str) -> int:
    if not uid.isdigit() or int(uid) == 0:
        raise SourceError(f"{uid!r} is not an IMAP UID")
    return int(uid)


class ImapSource:
    """An open connection to the watched folder of an IMAP account (see the module doc)."""

    def __init__(self, config: ImapInbox) -> None:
        self._config = config
        self._client: Any = None
        self._uidvalidity = 0
        self._prefix = ""
        self._delimiter: str | None = "/"
        self._existing: set[str] = set()
        self._warned_expunge = False
        self._broken = False

    @property
    def account(self) -> str:
        return f"{self._config.username}@{self._config.host}"

    @property
    def folder(self) -> str:
        return self._config.folder

    def __enter__(self) -> Self:
        client = self._connect()
        try:
            with self._failing("reading the namespace"):
                self._read_namespace(client)
            watched = self._server_name(self._config.folder)
            with self._failing(f"selecting folder {self._config.folder!r}"):
                response = client.select_folder(watched, readonly=False)
            uidvalidity = response.get(b"UIDVALIDITY")
            if uidvalidity is None:
                raise SourceError(self._describe("selecting the folder", "no UIDVALIDITY"))
            self._uidvalidity = int(uidvalidity)
            self._existing = {watched}
        except BaseException:
            _close(client)
            raise
        self._client = client
        _log.debug("imap: selected the watched folder on %s:%d", *self._address())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        if self._broken:
            # Failed mid-IDLE: LOGOUT would only wait for a reply that never comes.
            with suppress(IMAPClientError, OSError):
                client.shutdown()
            return
        _close(client)

    def uidvalidity(self) -> int:
        self._open()
        return self._uidvalidity

    def list_uids(self) -> list[str]:
        client = self._open()
        with self._failing("listing the watched folder"):
            # Dovecot searches the folder as this session last saw it; NOOP brings in what
            # other sessions delivered since (after a polling sleep, say).
            client.noop()
            numbers = client.search(["ALL"])
        return [str(number) for number in sorted(int(n) for n in numbers)]

    def fetch(self, uid: str) -> bytes | None:
        number = _uid_number(uid)
        client = self._open()
        with self._failing(f"fetching UID {uid}"):
            try:
                response = client.fetch([number], ["BODY.PEEK[]"])
            except IMAPClientAbortError:
                raise
            except IMAPClientError:
                # Dovecot answers NO [EXPUNGEISSUED] when another session expunged it.
                if not self._still_there(number):
                    return None
                raise
            body = response.get(number, {}).get(_BODY)
            # Dovecot answers BODY[] NIL for a message another session expunged.
            if not isinstance(body, bytes):
                if not self._still_there(number):
                    return None
                raise SourceError(self._describe(f"fetching UID {uid}", "the server sent no body"))
        return body

    def file(self, uid: str, destination: Destination) -> str:
        number = _uid_number(uid)
        client = self._open()
        name = (
            self._config.processed_folder
            if destination is Destination.PROCESSED
            else self._config.review_folder
        )
        target = self._server_name(name)
        with self._failing(f"creating folder {name!r}"):
            self._ensure_folder(target)
        with self._failing(f"filing UID {uid} in {name!r}"):
            try:
                if self._has("MOVE"):
                    client.move([number], target)
                else:
                    self._copy_then_expunge(number, target)
            except IMAPClientAbortError:
                raise
            except IMAPClientError:
                if self._still_there(number):
                    raise
                _log.debug("imap: UID %s was already gone from the watched folder", uid)
                return name
        _log.debug("imap: filed UID %s in %s", uid, name)
        return name

    @property
    def idle_supported(self) -> bool:
        """Whether the server advertises IDLE (after login); else the caller polls."""
        client = self._open()
        with self._failing("reading capabilities"):
            return bool(client.has_capability("IDLE"))

    def wait_for_change(self, timeout: float, *, stop: threading.Event | None = None) -> bool:
        """Wait in IDLE until the server reports a change in the watched folder.

        True as soon as the server reports one (EXISTS, RECENT, EXPUNGE, FETCH); False when
        ``timeout`` seconds (capped at ``MAX_IDLE_SECONDS``) pass or ``stop`` is set. IDLE is
        left before returning. Without IDLE on the server: sleep ``timeout`` seconds, then
        True (poll now), or False at once when ``stop`` is set. Any connection or protocol
        failure is a ``SourceError``, after which the connection is unusable.
        """
        timeout = min(max(timeout, 0.0), MAX_IDLE_SECONDS)
        if not self.idle_supported:
            if stop is None:
                time.sleep(timeout)
            elif stop.wait(timeout):
                return False
            return True
        if stop is not None and stop.is_set():
            return False
        client = self._open()
        try:
            with self._failing("entering IDLE"):
                # What arrived since the last command: Dovecot does not always report it when
                # IDLE starts, only at its next periodic check, but it does answer NOOP.
                _, before = client.noop()
                if any(_is_change(response) for response in before):
                    return True
                client.idle()
            changed = self._idle_until(client, timeout, stop)
            with self._failing("leaving IDLE"):
                _, responses = client.idle_done()
        except BaseException:
            self._broken = True
            raise
        if not changed and any(_is_change(response) for response in responses):
            changed = True
        _log.debug("imap: IDLE ended (%s)", "change" if changed else "no change")
        return changed

    def _idle_until(self, client: Any, timeout: float, stop: threading.Event | None) -> bool:
        deadline = time.monotonic() + timeout
        while (stop is None or not stop.is_set()) and (left := deadline - time.monotonic()) > 0:
            step = min(_IDLE_STEP, left)
            started = time.monotonic()
            with self._failing("waiting in IDLE"):
                responses = client.idle_check(timeout=step)
            if any(_is_bye(response) for response in responses):
                raise SourceError(
                    self._describe("waiting in IDLE", "the server closed the connection (BYE)")
                )
            if any(_is_change(response) for response in responses):
                return True
            if not responses and time.monotonic() - started < step / 2:
                # imapclient's idle_check swallows EOF and socket errors and returns nothing
                # at once: tell that from a partial line before looking again.
                if _peer_closed(client.socket()):
                    raise SourceError(
                        self._describe("waiting in IDLE", "the server closed the connection")
                    )
                remaining = step - (time.monotonic() - started)
                if stop is not None:
                    stop.wait(remaining)
                else:
                    time.sleep(remaining)
        return False

    def capabilities(self) -> frozenset[str]:
        """What the server advertises now (after login, so MOVE and IDLE show)."""
        client = self._open()
        with self._failing("reading capabilities"):
            raw = client.capabilities()
        return frozenset(
            item.decode("ascii", "replace") if isinstance(item, bytes) else str(item)
            for item in raw
        )

    def check(self) -> ImapCheck:
        """Log in, select the watched folder, create missing folders: for ``doctor``.

        Opens its own connection unless called inside the ``with`` block. Raises
        ``SourceError`` at the first step that fails.
        """
        if self._client is None:
            with self:
                return self.check()
        created = []
        for name in (self._config.processed_folder, self._config.review_folder):
            with self._failing(f"creating folder {name!r}"):
                if self._ensure_folder(self._server_name(name)):
                    created.append(name)
        capabilities = self.capabilities()
        return ImapCheck(
            capabilities=capabilities,
            folders_created=tuple(created),
            idle="IDLE" in capabilities,
            move="MOVE" in capabilities,
            uidplus="UIDPLUS" in capabilities,
        )

    # The connection.

    def _connect(self) -> Any:
        config = self._config
        _quiet_wire_log()
        # Fetched before connecting: a missing token fails without bothering the server.
        token = access_token(config) if config.auth == "xoauth2" else None
        context = None if config.security is Security.NONE else _tls_context(config)
        with self._failing("connecting"):
            client = IMAPClient(
                config.host,
                port=config.port,
                use_uid=True,
                ssl=config.security is Security.TLS,
                ssl_context=context,
                timeout=config.timeout_seconds,
            )
        try:
            _set_keepalive(client.socket())
            if config.security is Security.STARTTLS:
                with self._failing("STARTTLS"):
                    client.starttls(context)
            if token is not None:
                with self._failing(f"logging in as {config.username!r} with XOAUTH2"):
                    client.oauth2_login(config.username, token)
            else:
                self._password_login(client)
        except BaseException:
            _close(client)
            raise
        _log.debug("imap: logged in to %s:%d (%s)", config.host, config.port, config.security)
        return client

    def _password_login(self, client: Any) -> None:
        config = self._config
        assert config.password is not None  # the configuration refuses an inbox without one
        password = config.password.get_secret_value()
        with self._failing(f"logging in as {config.username!r}"):
            if password.isascii() and config.username.isascii():
                client.login(config.username, password)
            else:
                # imaplib sends LOGIN arguments as ASCII only; SASL PLAIN carries UTF-8.
                client.plain_login(config.username, password)

    def _open(self) -> Any:
        if self._client is None:
            raise SourceError("the IMAP source is used outside its with block")
        return self._client

    def _read_namespace(self, client: Any) -> None:
        if client.has_capability("NAMESPACE"):
            personal = client.namespace().personal
            if personal:
                prefix, delimiter = personal[0]
                self._prefix = str(prefix)
                self._delimiter = str(delimiter) if delimiter else None
                return
        # No NAMESPACE: the delimiter is that of INBOX, and there is no prefix.
        listing = client.list_folders("", "INBOX")
        if listing:
            delimiter = listing[0][1]
            self._delimiter = delimiter.decode("ascii") if delimiter else None

    def _server_name(self, name: str) -> str:
        return server_folder_name(name, prefix=self._prefix, delimiter=self._delimiter)

    def _has(self, capability: str) -> bool:
        return bool(self._open().has_capability(capability))

    def _ensure_folder(self, server_name: str) -> bool:
        """Create ``server_name`` when absent; true when this call created it."""
        if server_name in self._existing:
            return False
        client = self._open()
        created = False
        if not client.folder_exists(server_name):
            try:
                client.create_folder(server_name)
                created = True
            except IMAPClientAbortError:
                raise
            except IMAPClientError:
                # Another worker may have created it between our LIST and CREATE.
                if not client.folder_exists(server_name):
                    raise
            if created:
                _log.info("imap: created folder %s", server_name)
                try:
                    client.subscribe_folder(server_name)  # so that mail clients show it
                except IMAPClientAbortError:
                    raise
                except IMAPClientError:
                    _log.debug("imap: could not subscribe to %s", server_name)
        self._existing.add(server_name)
        return created

    def _copy_then_expunge(self, number: int, target: str) -> None:
        client = self._open()
        client.copy([number], target)
        client.add_flags([number], [_DELETED], silent=True)
        if self._has("UIDPLUS"):
            client.uid_expunge([number])
            return
        if not self._warned_expunge:
            _log.warning(
                "imap: %s:%d offers neither MOVE nor UIDPLUS; filing expunges every "
                "message flagged \\Deleted in the watched folder",
                *self._address(),
            )
            self._warned_expunge = True
        client.expunge()

    def _still_there(self, number: int) -> bool:
        client = self._open()
        client.noop()  # collect EXPUNGE news from other sessions first
        return number in {int(n) for n in client.search(["UID", str(number)])}

    # Errors.

    def _address(self) -> tuple[str, int]:
        return self._config.host, self._config.port

    def _describe(self, action: str, cause: str) -> str:
        return f"IMAP {self._config.host}:{self._config.port}: {action}: {cause}"

    @contextmanager
    def _failing(self, action: str) -> Iterator[None]:
        try:
            yield
        except (IMAPClientError, OSError) as err:
            raise SourceError(self._describe(action, _cause(err))) from err


def _close(client: Any) -> None:
    """Log out, or drop the connection when that fails; closing never raises."""
    try:
        client.logout()
    except (IMAPClientError, OSError) as err:
        _log.debug("imap: logout failed (%s); closing the socket", type(err).__name__)
        with suppress(IMAPClientError, OSError):
            client.shutdown()

"""Telling systemd how the daemon is doing: the ``sd_notify`` protocol, without libsystemd.

Under ``Type=notify`` systemd passes the path of a datagram socket in ``$NOTIFY_SOCKET`` (a file
path, or ``@name`` for Linux's abstract namespace) and, with ``WatchdogSec=``, the watchdog period
in ``$WATCHDOG_USEC`` (and the PID it is meant for in ``$WATCHDOG_PID``). Each message is one
datagram of ``KEY=value`` lines: ``READY=1`` once the daemon works, ``STATUS=...`` for
``systemctl status``, ``WATCHDOG=1`` at least every half period, ``STOPPING=1`` on the way out.

Outside systemd (a terminal, the tests, the demo) every call is a no-op. Notifying never raises
and never blocks: a failed send is logged as a warning once, then ignored, because the daemon's
work matters more than its report.

``STATUS`` text is shown to anyone who may run ``systemctl status`` and is kept in the journal:
it must hold only counts and folder names ("watching INBOX, 3 reminders due today"), never a
subject, a sender, a name or anything read from a letter.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Mapping

log = logging.getLogger(__name__)


def socket_address(value: str | None) -> str | None:
    """The address in ``$NOTIFY_SOCKET``: a path, or ``@name`` made into an abstract address."""
    if not value:
        return None
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # vsock: and other transports are not used for services on one host


def watchdog_seconds(environ: Mapping[str, str], pid: int) -> float | None:
    """The watchdog period ``$WATCHDOG_USEC`` in seconds, if it is set and meant for ``pid``."""
    usec = environ.get("WATCHDOG_USEC", "")
    try:
        period = int(usec)
    except ValueError:
        return None
    if period <= 0:
        return None
    target = environ.get("WATCHDOG_PID")
    if target:
        try:
            if int(target) != pid:
                return None
        except ValueError:
            return None
    return period / 1_000_000


class Notifier:
    """Sends sd_notify messages to systemd; does nothing when not started by systemd.

    Safe to call from several threads (the loop pings the watchdog while a pass reports its
    status). Build it once at start, with ``Notifier.from_environ()``.
    """

    def __init__(self, environ: Mapping[str, str], *, pid: int | None = None) -> None:
        raw = environ.get("NOTIFY_SOCKET")
        self._address = socket_address(raw)
        self._unsupported = bool(raw) and self._address is None
        self._interval = watchdog_seconds(environ, os.getpid() if pid is None else pid)
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._warned = False

    @classmethod
    def from_environ(cls) -> Notifier:
        return cls(os.environ)

    @property
    def enabled(self) -> bool:
        """True when started by systemd with a notify socket this class can use."""
        return self._address is not None

    def watchdog_interval(self) -> float | None:
        """Seconds systemd waits for ``WATCHDOG=1`` before it kills the daemon; ping at half."""
        return self._interval

    def ready(self, status: str | None = None) -> None:
        """Startup is done: the daemon is watching the inbox."""
        self._send("READY=1", status)

    def status(self, text: str) -> None:
        """A one-line state for ``systemctl status``: counts and folder names only."""
        self._send(None, text)

    def watchdog(self) -> None:
        """The loop is alive."""
        self._send("WATCHDOG=1", None)

    def stopping(self, status: str | None = None) -> None:
        """Shutdown has begun (SIGTERM): finish the current item, then exit."""
        self._send("STOPPING=1", status)

    def close(self) -> None:
        with self._lock:
            if self._socket is not None:
                self._socket.close()
                self._socket = None

    def _send(self, state: str | None, status: str | None) -> None:
        if self._address is None:
            if self._unsupported:
                self._warn_once("$NOTIFY_SOCKET is neither a path nor an abstract name")
            return
        lines = [] if state is None else [state]
        if status is not None:
            # One line: a newline would start a new KEY=value assignment.
            lines.append("STATUS=" + " ".join(status.split()))
        data = "\n".join(lines).encode("utf-8", errors="replace")
        with self._lock:
            try:
                if self._socket is None:
                    self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                # MSG_DONTWAIT: a full queue at systemd's end drops the message, never blocks.
                self._socket.sendto(data, socket.MSG_DONTWAIT, self._address)
            except OSError as err:
                self._warn_once(f"{type(err).__name__}: {err.strerror or err}")

    def _warn_once(self, reason: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("systemd notification failed (%s); further failures are not logged", reason)

"""Real servers for the integration tests: Dovecot (IMAP), aiosmtpd (SMTP), and the TLS
certificates they present. Nothing here is a fake: the adapters are tested against the
same protocols they meet in production."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that nothing listens on right now (the caller binds it soon after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_greeting(host: str, port: int, prefix: bytes, *, timeout: float) -> bool:
    """Connect until the server greets with ``prefix``; false when ``timeout`` runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1.0) as connection:
                if connection.recv(256).startswith(prefix):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


@contextmanager
def silent_listener(host: str = "127.0.0.1") -> Iterator[int]:
    """A port that accepts connections (the kernel does) but never says a word: for timeouts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind((host, 0))
        listener.listen(8)
        port: int = listener.getsockname()[1]
        yield port

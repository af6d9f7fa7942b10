"""A real Dovecot for the IMAP tests, started from a throwaway configuration.

``start_dovecot`` writes a complete ``dovecot.conf`` into a fresh temporary directory
(nothing under /etc, /run or /var is read or written), runs ``dovecot -F -c CONF`` in the
foreground as a child process in its own process group, and waits until the plain listener
greets. It listens on two free loopback ports:

- ``port``: plain IMAP that also offers STARTTLS (for ``security = "none"`` and
  ``"starttls"``);
- ``tls_port``: IMAP over TLS from the first byte (``security = "tls"``).

Both present a server certificate signed by the test CA in ``TlsFiles``. Each user has a
passwd-file of its own (``users/%u``, PLAIN password) that ``add_account`` writes: Dovecot
opens a user's file at that user's first login, whereas it notices additions to one shared
file only after a delay. So every test gets an empty mailbox of its own on a shared server.
Mail is a Maildir per user under the temporary directory.

As root (how CI runs), Dovecot's own ``dovecot``/``dovenull`` users run its helpers and mail
is owned by ``nobody``, since Dovecot refuses UID 0 for mail; the temporary directory is
therefore outside pytest's 0700 tmp root. As any other user, every Dovecot process and the
mail run as that user (``default_internal_user``/``default_login_user``).

``capabilities`` replaces what Dovecot advertises after login (``imap_capability``), to
play a server without MOVE or without UIDPLUS; ``namespace_prefix`` and ``separator`` play a
Courier-style server ("INBOX." and "."); ``with_tls=False`` plays a server without TLS at
all (no STARTTLS, no TLS listener; ``tls_port`` is 0); leaving IDLE out of ``capabilities``
plays a server without IDLE. ``oauth2_introspection_url`` adds SASL XOAUTH2 and OAUTHBEARER,
checked by Dovecot's oauth2 passdb against that token-introspection endpoint (RFC 7662, POST);
passwords keep working beside them.

Outages: ``stop()`` stops Dovecot and keeps its directory (accounts, mail, ports), ``start()``
runs it again on the same ports, ``restart()`` does both; ``close()`` stops it for good and
removes the directory (also done at interpreter exit for a server only stopped).
"""

from __future__ import annotations

import atexit
import grp
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imapclient import IMAPClient

from denialwatch.config import ImapInbox, Security

from . import free_port, wait_for_greeting
from .tls import TlsFiles

# Debian puts it in /usr/sbin, which is not on a normal user's PATH.
DOVECOT = Path(
    os.environ.get("DENIALWATCH_TEST_DOVECOT") or shutil.which("dovecot") or "/usr/sbin/dovecot"
)
HOST = "127.0.0.1"
STARTUP_TIMEOUT = 15.0

# What Dovecot 2.3 advertises after login, minus the extensions nothing here needs.
DEFAULT_CAPABILITIES = (
    "IMAP4rev1",
    "SASL-IR",
    "LOGIN-REFERRALS",
    "ID",
    "ENABLE",
    "IDLE",
    "SORT",
    "MULTIAPPEND",
    "UNSELECT",
    "CHILDREN",
    "NAMESPACE",
    "UIDPLUS",
    "LIST-EXTENDED",
    "I18NLEVEL=1",
    "CONDSTORE",
    "ESEARCH",
    "SEARCHRES",
    "LIST-STATUS",
    "BINARY",
    "MOVE",
    "LITERAL+",
)


def dovecot_missing_reason() -> str | None:
    """Why Dovecot cannot run here, or None when it can."""
    if not DOVECOT.exists():
        return (
            f"{DOVECOT} is not installed (Debian: apt-get install dovecot-imapd; "
            "elsewhere set DENIALWATCH_TEST_DOVECOT to the dovecot binary)"
        )
    if not os.access(DOVECOT, os.X_OK):
        return f"{DOVECOT} is not executable"
    return None


@dataclass(frozen=True)
class StoredMessage:
    uid: int
    flags: frozenset[str]
    raw: bytes


@dataclass(frozen=True)
class ImapAccount:
    """One mailbox on a running Dovecot, with helpers that act as another mail client."""

    server: DovecotServer
    username: str
    password: str
    password_file: Path

    def inbox_config(self, security: Security = Security.NONE, **overrides: Any) -> ImapInbox:
        """An ``[inbox]`` configuration for this account; port follows ``security``."""
        data: dict[str, Any] = {
            "source": "imap",
            "host": HOST,
            "port": self.server.tls_port if security is Security.TLS else self.server.port,
            "security": security.value,
            "username": self.username,
            "password_file": str(self.password_file),
            "timeout_seconds": 10,
        }
        if security is not Security.NONE:
            data["tls_ca_file"] = str(self.server.tls.ca_file)
        if overrides.get("auth") == "xoauth2":
            del data["password_file"]
        data.update(overrides)
        return ImapInbox.model_validate(data)

    @contextmanager
    def client(self) -> Iterator[Any]:
        """A logged-in imapclient connection over the plain listener."""
        client = IMAPClient(HOST, port=self.server.port, ssl=False, timeout=10)
        try:
            if self.password.isascii():
                client.login(self.username, self.password)
            else:
                client.plain_login(self.username, self.password)
            yield client
        finally:
            with suppress(Exception):
                client.logout()

    def append(self, raw: bytes, folder: str = "INBOX", flags: Sequence[bytes] = ()) -> int:
        """Deliver ``raw`` into ``folder``; returns its UID."""
        with self.client() as client:
            response = client.append(folder, raw, flags=tuple(flags))
            found = re.search(rb"APPENDUID \d+ (\d+)", response or b"")
            if found:
                return int(found.group(1))
            client.select_folder(folder, readonly=True)
            return int(max(client.search(["ALL"])))

    def messages(self, folder: str = "INBOX") -> list[StoredMessage]:
        """What ``folder`` holds, oldest first, read without setting \\Seen."""
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(int(uid) for uid in client.search(["ALL"]))
            if not uids:
                return []
            response = client.fetch(uids, ["FLAGS", "BODY.PEEK[]"])
        return [
            StoredMessage(
                uid=uid,
                flags=frozenset(flag.decode() for flag in response[uid][b"FLAGS"]),
                raw=bytes(response[uid][b"BODY[]"]),
            )
            for uid in uids
        ]

    def folders(self) -> list[str]:
        with self.client() as client:
            return sorted(str(name) for _, _, name in client.list_folders())

    def uidvalidity(self, folder: str = "INBOX") -> int:
        with self.client() as client:
            status = client.folder_status(folder, ["UIDVALIDITY"])
            return int(status[b"UIDVALIDITY"])

    def expunge(self, uid: int, folder: str = "INBOX") -> None:
        """Remove one message, as another worker or a person would."""
        with self.client() as client:
            client.select_folder(folder)
            client.delete_messages([uid])
            client.uid_expunge([uid])


@dataclass
class DovecotServer:
    directory: Path
    port: int
    tls_port: int
    tls: TlsFiles
    process: subprocess.Popen[bytes]
    mail_owner: tuple[int, int]
    """UID and GID that own the mail (``nobody`` as root, else the current user)."""
    startup_seconds: float = 0.0
    """From starting the process to the first greeting."""
    _accounts: int = field(default=0)

    @property
    def conf_path(self) -> Path:
        return self.directory / "dovecot.conf"

    @property
    def host(self) -> str:
        return HOST

    @property
    def log_path(self) -> Path:
        return self.directory / "dovecot.log"

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def add_account(self, password: str | None = None) -> ImapAccount:
        """A new user with an empty mailbox (and a password file for the configuration)."""
        self._accounts += 1
        username = f"patient-inbox-{self._accounts}"
        password = password or f"pw-{secrets.token_hex(12)}"
        uid, gid = self.mail_owner
        home = self.directory / "mail" / username
        entry = self.directory / "users" / username
        entry.write_text(f"{username}:{{PLAIN}}{password}:{uid}:{gid}::{home}\n", encoding="utf-8")
        # Dovecot's auth process runs as another user: the entry must be readable whatever
        # umask the test process has (the CLI sets 077 when a test invokes it in-process).
        entry.chmod(0o644)
        password_file = self.directory / "secrets" / username
        password_file.touch(mode=0o600)
        password_file.write_text(password + "\n", encoding="utf-8")
        return ImapAccount(self, username, password, password_file)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Stop Dovecot, as an outage would; accounts and mail stay for ``start()``.

        SIGTERM and wait; SIGKILL the whole process group (the imap processes holding client
        connections included) when that does not work.
        """
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Children left behind (an imap process finishing a command) go with the group.
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def start(self) -> None:
        """Run the stopped Dovecot again with the same configuration and ports."""
        if self.running:
            return
        started = time.monotonic()
        self.process = _launch(self.directory)
        if not _ready(self):
            log = self.log_text()[-3000:]
            self.stop()
            raise RuntimeError(f"Dovecot did not start again; its log ends with:\n{log}")
        self.startup_seconds = time.monotonic() - started

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop for good and remove the directory."""
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def _config(
    directory: Path,
    *,
    port: int,
    tls_port: int,
    tls: TlsFiles,
    capabilities: Sequence[str] | None,
    namespace_prefix: str,
    separator: str,
    with_tls: bool,
    oauth2: bool,
) -> str:
    # Unprivileged, Dovecot cannot chroot its login and anvil processes.
    chroot = ""
    if os.geteuid() == 0:
        users = ""  # Dovecot's packaged defaults: dovecot and dovenull
    else:
        chroot = "  chroot =\n"
        me = pwd.getpwuid(os.getuid()).pw_name
        group = grp.getgrgid(os.getgid()).gr_name
        users = (
            f"default_internal_user = {me}\n"
            f"default_internal_group = {group}\n"
            f"default_login_user = {me}\n"
        )
    ssl = (
        f"ssl = yes\nssl_cert = <{tls.cert_file}\nssl_key = <{tls.key_file}\n"
        if with_tls
        else "ssl = no\n"
    )
    capability = f"imap_capability = {' '.join(capabilities)}\n" if capabilities else ""
    mechanisms = "plain login xoauth2 oauthbearer" if oauth2 else "plain login"
    oauth2_passdb = (
        f"""passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {directory}/dovecot-oauth2.conf.ext
}}
"""
        if oauth2
        else ""
    )
    return f"""\
# Written by tests/support/dovecot.py for one test session.
base_dir = {directory}/run
state_dir = {directory}/state
log_path = {directory}/dovecot.log
{users}first_valid_uid = 1
protocols = imap
listen = {HOST}
{ssl}disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
{capability}
namespace inbox {{
  inbox = yes
  prefix = {namespace_prefix}
  separator = {separator}
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN {directory}/users/%u
}}
{oauth2_passdb}userdb {{
  driver = passwd-file
  args = {directory}/users/%u
}}
# No authentication penalty: the wrong-password test would slow every later login.
service anvil {{
{chroot}  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
{chroot}  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port if with_tls else 0}
    ssl = yes
  }}
}}
"""


def _mail_owner() -> tuple[int, int]:
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")  # Dovecot refuses UID 0 for mail
    return nobody.pw_uid, nobody.pw_gid


def start_dovecot(
    tls: TlsFiles,
    *,
    capabilities: Sequence[str] | None = None,
    namespace_prefix: str = "",
    separator: str = "/",
    with_tls: bool = True,
    oauth2_introspection_url: str | None = None,
) -> DovecotServer:
    """Start a Dovecot (see the module doc); the caller must ``stop()`` or ``close()`` it."""
    reason = dovecot_missing_reason()
    if reason:
        raise RuntimeError(reason)
    # mkdtemp rather than pytest's tmp_path: as root, Dovecot's unprivileged processes must
    # be able to walk to their files, and pytest's tmp root is 0700.
    directory = Path(tempfile.mkdtemp(prefix="denialwatch-dovecot-"))
    directory.chmod(0o711)
    owner = _mail_owner()
    (directory / "mail").mkdir(mode=0o700)
    os.chown(directory / "mail", *owner)
    (directory / "secrets").mkdir(mode=0o700)
    (directory / "users").mkdir(mode=0o755)
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    if oauth2_introspection_url is not None:
        oauth2_conf = directory / "dovecot-oauth2.conf.ext"
        oauth2_conf.write_text(
            "introspection_mode = post\n"
            f"introspection_url = {oauth2_introspection_url}\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n"
            "timeout_msecs = 5000\n",
            encoding="utf-8",
        )
        oauth2_conf.chmod(0o644)
    last_log = ""
    for _ in range(3):  # a free port can be taken between the probe and Dovecot's bind
        port, tls_port = free_port(), (free_port() if with_tls else 0)
        conf = directory / "dovecot.conf"
        conf.write_text(
            _config(
                directory,
                port=port,
                tls_port=tls_port,
                tls=tls,
                capabilities=capabilities,
                namespace_prefix=namespace_prefix,
                separator=separator,
                with_tls=with_tls,
                oauth2=oauth2_introspection_url is not None,
            ),
            encoding="utf-8",
        )
        started = time.monotonic()
        process = _launch(directory)
        server = DovecotServer(directory, port, tls_port, tls, process, owner)
        if _ready(server):
            server.startup_seconds = time.monotonic() - started
            return server
        last_log = server.log_text() + (directory / "dovecot.stderr").read_text(errors="replace")
        server.process.terminate()
        with suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=5)
        with suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()
        if "Address already in use" not in last_log:
            break
    shutil.rmtree(directory, ignore_errors=True)
    raise RuntimeError(f"Dovecot did not start; its log ends with:\n{last_log[-3000:]}")


def _launch(directory: Path) -> subprocess.Popen[bytes]:
    with (directory / "dovecot.stderr").open("ab") as stderr:
        return subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(directory / "dovecot.conf")],
            stdin=subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
            start_new_session=True,
        )


def _ready(server: DovecotServer) -> bool:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None or "Fatal:" in server.log_text():
            return False
        if wait_for_greeting(HOST, server.port, b"* OK", timeout=0.5):
            return True
    return False

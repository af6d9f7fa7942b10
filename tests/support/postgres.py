"""A private PostgreSQL for the outage tests: a cluster of its own that a test may restart.

Restarting the machine's shared server would disturb every other test using it, so
``start_postgres`` runs ``initdb`` into a fresh temporary directory with the server binaries
of the Debian packages (``/usr/lib/postgresql/<version>/bin``, the newest; or the directory
in ``DENIALWATCH_TEST_PG_BIN``) and starts it with ``pg_ctl`` on a free loopback port, with
trust authentication for the ``postgres`` role and its socket in the same directory. As root
(how CI runs) every command runs as the ``postgres`` OS user (``runuser -u postgres --``),
since initdb and the server refuse root.

``stop()`` stops the server (fast shutdown: clients are disconnected) and keeps the data,
``start()`` runs it again on the same port, ``restart()`` does both; ``close()`` stops it and
removes the directory (also done at interpreter exit).
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import free_port

HOST = "127.0.0.1"
TIMEOUT = 60.0


def _bin_dir() -> Path | None:
    configured = os.environ.get("DENIALWATCH_TEST_PG_BIN")
    if configured:
        return Path(configured)
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def postgres_missing_reason() -> str | None:
    """Why a private PostgreSQL cannot run here, or None when it can."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        return (
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin "
            "(Debian: apt-get install postgresql; elsewhere set DENIALWATCH_TEST_PG_BIN)"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no postgres OS user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root, and runuser is missing (util-linux)"
    return None


@dataclass
class PostgresServer:
    directory: Path
    bin_dir: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @property
    def log_path(self) -> Path:
        return self.directory / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def _run(self, *command: str | Path) -> subprocess.CompletedProcess[str]:
        argv = [str(part) for part in command]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=TIMEOUT, check=False, cwd="/"
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout}{result.stderr}"
                f"\nserver log:\n{self.log_text()[-3000:]}"
            )
        return result

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run(
            self.bin_dir / "pg_ctl", action, "-D", self.data_dir, "-l", self.log_path, "-w",
            "-t", str(int(TIMEOUT)), *extra,
        )  # fmt: skip

    @property
    def running(self) -> bool:
        return (self.data_dir / "postmaster.pid").exists()

    def start(self) -> None:
        if not self.running:
            self._pg_ctl("start")

    def stop(self) -> None:
        """Stop the server (fast: open connections are cut, as in an outage)."""
        if self.running:
            self._pg_ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self.stop()
        self.start()

    def create_database(self, name: str) -> str:
        """Create database ``name``; returns its URL."""
        self._run(
            self.bin_dir / "createdb", "-h", HOST, "-p", str(self.port), "-U", "postgres", name
        )
        return self.url(name)

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """Initialise and start a private cluster (see the module doc); the caller ``close()``s it."""
    reason = postgres_missing_reason()
    if reason:
        raise RuntimeError(reason)
    bin_dir = _bin_dir()
    assert bin_dir is not None
    # mkdtemp rather than pytest's tmp_path: as root the server runs as postgres, and
    # pytest's tmp root is 0700.
    directory = Path(tempfile.mkdtemp(prefix="denialwatch-postgres-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        directory.chmod(0o711)
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    server = PostgresServer(directory, bin_dir, free_port())
    server._run(
        bin_dir / "initdb", "-D", server.data_dir, "-U", "postgres", "--auth=trust",
        "--encoding=UTF8", "--no-sync",
    )  # fmt: skip
    with (server.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            f"\nlisten_addresses = '{HOST}'\nport = {server.port}\n"
            f"unix_socket_directories = '{directory}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
    try:
        server.start()
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return server

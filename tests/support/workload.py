"""A workload for the long acceptance tests: many distinct denials, daemons to run and kill.

``build_denials(count, tag)`` makes ``count`` denial emails, each from a patient of its own
(address ``patient-<tag>-<n>@example.com``) with its own member ID, reference number and
Message-ID. Each is a catalogue denial (``tests.builders.DENIALS``) pasted into the body
(``letter_in_body``), its facts replaced by the new ones everywhere the letter prints them.
Letters in the body need no PDF to build or read, so hundreds are built in well under a
second and read by the daemon in milliseconds each.

``Daemon`` is one ``denialwatch run`` child process: its own process group, stderr to a
file (read back with ``log``), stopped with SIGTERM or killed with SIGKILL.

``emails_by_message_id`` groups what an SMTP server received by Message-ID, so a test can
tell a resend (same Message-ID) from a second email (a new one).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from tests.builders import DENIALS, Party, SampleLetter, letter_in_body
from tests.support.dovecot import ImapAccount
from tests.support.smtp import ReceivedMail

SENT = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
T = TypeVar("T")


@dataclass(frozen=True)
class Denial:
    number: int
    patient: Party
    member_id: str
    reference_number: str
    message_id: str
    """Without angle brackets, as ``messages list`` shows it."""
    raw: bytes


def replaced_strings(value: T, old_to_new: dict[str, str]) -> T:
    """``value`` with every ``old`` replaced by ``new`` in each string it holds."""
    if isinstance(value, str):
        for old, new in old_to_new.items():
            value = value.replace(old, new)  # type: ignore[assignment]
        return value
    if isinstance(value, tuple):
        return tuple(replaced_strings(item, old_to_new) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: replaced_strings(getattr(value, f.name), old_to_new)
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), str | tuple)
        }
        return dataclasses.replace(value, **changes)
    return value


def _english_denials() -> list[SampleLetter]:
    return [s for s in DENIALS if s.language == "en" and s.letter is not None and s.facts]


def build_denials(count: int, tag: str) -> list[Denial]:
    """``count`` denials from ``count`` patients, the catalogue's letters in turn."""
    samples = _english_denials()
    denials: list[Denial] = []
    for number in range(count):
        sample = samples[number % len(samples)]
        assert sample.facts is not None
        assert sample.letter is not None
        patient = Party(f"Pat Tester{number}", f"patient-{tag}-{number}@example.com")
        member_id = f"WM{number:09d}"
        reference = f"WL-{tag.upper()}-{number:06d}"
        letter = replaced_strings(
            sample.letter,
            {
                sample.facts.member_id: member_id,
                sample.facts.reference_number: reference,
                sample.patient.name: patient.name,
            },
        )
        message_id = f"workload-{tag}-{number}@example.com"
        raw = letter_in_body(
            dataclasses.replace(sample, letter=letter, patient=patient),
            note="This came today. What can I do?",
            subject="Fwd: my denial letter",
            message_id=f"<{message_id}>",
            date=SENT + timedelta(minutes=number),
        )
        assert member_id.encode() in raw
        assert reference.encode() in raw
        denials.append(Denial(number, patient, member_id, reference, message_id, raw))
    return denials


def emails_by_message_id(received: Iterable[ReceivedMail]) -> dict[str, list[ReceivedMail]]:
    """The received emails grouped by Message-ID (angle brackets stripped), in arrival order."""
    grouped: dict[str, list[ReceivedMail]] = defaultdict(list)
    for mail in received:
        grouped[str(mail.message["Message-ID"]).strip().strip("<>")].append(mail)
    return dict(grouped)


def wait_for(condition: Callable[[], Any], timeout: float, interval: float = 0.5) -> bool:
    """Whether ``condition()`` became true within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


class Daemon:
    """One ``denialwatch run`` child process (see the module doc)."""

    def __init__(self, config: Path, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.config = config
        self.log_path = log_path
        base = {k: v for k, v in os.environ.items() if not k.startswith("DENIALWATCH_")}
        self.env = base | (env or {})
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "denialwatch", "--config", str(self.config), "run"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=self.env,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a power cut would: no cleanup of any kind."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM and wait; the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def append_all(account: ImapAccount, raws: Iterable[bytes], folder: str = "INBOX") -> int:
    """Deliver every message over one connection (a login per message would take minutes)."""
    count = 0
    with account.client() as client:
        for raw in raws:
            client.append(folder, raw)
            count += 1
    return count


def message_ids_in(account: ImapAccount, folder: str) -> list[str]:
    """The Message-ID of every message in ``folder`` (angle brackets stripped)."""
    with account.client() as client:
        if not client.folder_exists(folder):
            return []
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        if not uids:
            return []
        response = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
    found = []
    for data in response.values():
        header = bytes(data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]).decode("ascii", "replace")
        found.append(header.split(":", 1)[1].strip().strip("<>") if ":" in header else "")
    return found

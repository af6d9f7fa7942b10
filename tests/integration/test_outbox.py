"""MaildirOutbox: one private file per Message-ID in a Maildir."""

from __future__ import annotations

import mailbox
import stat
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from denialwatch.config import MaildirOutgoing
from denialwatch.errors import DeliveryError
from denialwatch.mail.outbox import MaildirOutbox, outbox_file_name
from denialwatch.mail.outgoing import Sender, StoredEmail


def patient_email(
    message_id: str | None = "<reply-1@denialwatch.example>", text: str = "v1"
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Denial Help <denials@clinic.example>"
    message["To"] = "Pat Example <pat@example.org>"
    message["Subject"] = "We received your denial letter"
    if message_id is not None:
        message["Message-ID"] = message_id
    message.set_content(f"Your case number is DW-0001 ({text}).\n")
    return message


def outbox(path: Path) -> MaildirOutbox:
    return MaildirOutbox(
        MaildirOutgoing.model_validate(
            {"transport": "maildir", "path": str(path), "from_address": "denials@clinic.example"}
        )
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files(root: Path) -> list[Path]:
    return sorted(p for sub in ("new", "cur", "tmp") for p in (root / sub).iterdir())


def test_it_is_a_sender(tmp_path: Path) -> None:
    sender: Sender = outbox(tmp_path / "outbox")
    sender.send(patient_email())


def test_a_stored_email_is_written_as_stored_with_lf_line_endings(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    data = patient_email(text="número").as_bytes(policy=policy.SMTP)
    assert b"\r\n" in data
    outbox(root).send(StoredEmail(data))
    [written] = files(root)
    assert written.read_bytes() == data.replace(b"\r\n", b"\n")


def test_writes_one_private_file_into_new(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    message = patient_email()
    outbox(root).send(message)
    [written] = files(root)
    assert written == root / "new" / outbox_file_name("<reply-1@denialwatch.example>")
    assert written.read_bytes() == message.as_bytes()
    assert mode(written) == 0o600
    for directory in (root, root / "new", root / "cur", root / "tmp"):
        assert mode(directory) == 0o700


def test_the_same_message_id_twice_replaces_the_file(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    sender = outbox(root)
    sender.send(patient_email(text="first attempt"))
    sender.send(patient_email(text="second attempt"))
    [written] = files(root)
    assert b"second attempt" in written.read_bytes()
    assert mode(written) == 0o600


def test_a_copy_a_reader_moved_to_cur_is_replaced_in_place(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    sender = outbox(root)
    sender.send(patient_email(text="first attempt"))
    [written] = files(root)
    read = root / "cur" / f"{written.name}:2,S"
    written.rename(read)
    sender.send(patient_email(text="second attempt"))
    assert files(root) == [read]
    assert b"second attempt" in read.read_bytes()


def test_different_message_ids_are_different_files(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    sender = outbox(root)
    sender.send(patient_email("<reply-1@denialwatch.example>"))
    sender.send(patient_email("<reply-2@denialwatch.example>"))
    assert len(files(root)) == 2
    box = mailbox.Maildir(str(root), create=False)  # a Maildir reader sees both
    ids = sorted(str(message["Message-ID"]) for message in box)
    assert ids == ["<reply-1@denialwatch.example>", "<reply-2@denialwatch.example>"]


def test_lines_end_with_lf_whatever_the_messages_policy(tmp_path: Path) -> None:
    root = tmp_path / "outbox"
    message = EmailMessage(policy=policy.SMTP)  # CRLF
    message["Message-ID"] = "<crlf@denialwatch.example>"
    message["To"] = "pat@example.org"
    message.set_content("line one\nline two\n")
    outbox(root).send(message)
    [written] = files(root)
    assert b"\r\n" not in written.read_bytes()


def test_an_email_without_message_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="Message-ID") as raised:
        outbox(tmp_path / "outbox").send(patient_email(message_id=None))
    assert raised.value.permanent is True


def test_an_unwritable_place_is_transient(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="writing") as raised:
        outbox(tmp_path / "missing" / "outbox").send(patient_email())
    assert raised.value.permanent is False

"""MaildirSource on a real directory: the same semantics as the IMAP source."""

from __future__ import annotations

import mailbox
import stat
from pathlib import Path

import pytest

from denialwatch.config import MaildirInbox
from denialwatch.errors import SourceError
from denialwatch.mail.maildir import MaildirSource, ensure_maildir, maildir_folder_name
from denialwatch.mail.source import Destination, InboxSource


def raw_email(number: int) -> bytes:
    return (
        f"From: Pat Example <pat{number}@example.org>\n"
        f"Subject: Fwd: denial {number}\n"
        f"Message-ID: <forward-{number}@example.org>\n"
        "\n"
        f"The plan denied request {number}.\r\n"  # a stray CR must come back as stored
    ).encode()


def config(path: Path, **overrides: str) -> MaildirInbox:
    return MaildirInbox.model_validate({"source": "maildir", "path": str(path), **overrides})


def deliver(root: Path, name: str, data: bytes, subdir: str = "new") -> None:
    """Deliver the way an MTA does: write in tmp/, rename into new/ (or cur/)."""
    ensure_maildir(root)
    temporary = root / "tmp" / name.split(":", maxsplit=1)[0]
    temporary.write_bytes(data)
    temporary.rename(root / subdir / name)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_is_an_inbox_source(tmp_path: Path) -> None:
    source: InboxSource = MaildirSource(config(tmp_path / "inbox"))
    assert source.account == f"maildir:{tmp_path / 'inbox'}"
    assert source.folder == "INBOX"
    with source:
        assert source.uidvalidity() == 0


def test_creates_the_maildir_private(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    with MaildirSource(config(root)) as source:
        assert source.list_uids() == []
    for directory in (root, root / "tmp", root / "new", root / "cur"):
        assert directory.is_dir()
        assert mode(directory) == 0o700


def test_completes_a_maildir_missing_its_subdirectories(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "cur").mkdir()
    with MaildirSource(config(root)) as source:
        assert source.list_uids() == []
    assert (root / "new").is_dir()
    assert (root / "tmp").is_dir()


def test_a_missing_parent_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="opening"), MaildirSource(config(tmp_path / "a" / "b")):
        pass


def test_lists_oldest_first_from_new_and_cur(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    deliver(root, "1700000300.M1P1.mx", raw_email(3))
    deliver(root, "1700000100.M1P1.mx:2,S", raw_email(1), subdir="cur")
    deliver(root, "999999999.M1P1.mx", raw_email(0))  # fewer digits, still older
    deliver(root, "1700000200.M5P1.mx", raw_email(2))
    deliver(root, ".1600000000.editor-swap", b"not a message")
    with MaildirSource(config(root)) as source:
        assert source.list_uids() == [
            "999999999.M1P1.mx",
            "1700000100.M1P1.mx",
            "1700000200.M5P1.mx",
            "1700000300.M1P1.mx",
        ]


def test_fetch_returns_the_stored_bytes_and_leaves_the_message_unread(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    key = mailbox.Maildir(str(root)).add(raw_email(1))  # the standard library as the MTA
    with MaildirSource(config(root)) as source:
        assert source.list_uids() == [key]
        assert source.fetch(key) == raw_email(1)
        assert source.fetch("1700000000.nothing.mx") is None
    assert [p.name for p in (root / "new").iterdir()] == [key]
    assert list((root / "cur").iterdir()) == []


def test_fetch_finds_a_message_a_mail_client_moved_to_cur(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    deliver(root, "1700000000.M1P1.mx", raw_email(1))
    with MaildirSource(config(root)) as source:
        [uid] = source.list_uids()
        (root / "new" / uid).rename(root / "cur" / f"{uid}:2,S")
        assert source.fetch(uid) == raw_email(1)


def test_file_moves_into_maildir_plus_plus_folders(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    deliver(root, "1700000001.M1P1.mx", raw_email(1))
    deliver(root, "1700000002.M1P1.mx:2,FS", raw_email(2), subdir="cur")
    with MaildirSource(config(root)) as source:
        first, second = source.list_uids()
        assert source.file(first, Destination.PROCESSED) == "denialwatch/processed"
        assert source.file(second, Destination.REVIEW) == "denialwatch/review"
        assert source.list_uids() == []
    processed = root / ".denialwatch.processed"
    review = root / ".denialwatch.review"
    assert (processed / "new" / first).read_bytes() == raw_email(1)
    assert (review / "cur" / f"{second}:2,FS").read_bytes() == raw_email(2)  # flags kept
    for folder in (processed, review):
        assert mode(folder) == 0o700
        assert all(mode(folder / sub) == 0o700 for sub in ("tmp", "new", "cur"))
        assert mode(folder / "maildirfolder") == 0o600
    # The standard library (and so Dovecot, mutt, ...) sees them as folders.
    box = mailbox.Maildir(str(root), create=False)
    assert sorted(box.list_folders()) == ["denialwatch.processed", "denialwatch.review"]
    assert box.get_folder("denialwatch.processed").get_bytes(first) == raw_email(1)


def test_filing_a_gone_message_is_not_an_error(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    deliver(root, "1700000001.M1P1.mx", raw_email(1))
    with MaildirSource(config(root)) as source:
        [uid] = source.list_uids()
        (root / "new" / uid).unlink()
        assert source.file(uid, Destination.PROCESSED) == "denialwatch/processed"
        assert source.fetch(uid) is None


def test_configured_folder_names_map_to_maildir_plus_plus() -> None:
    assert maildir_folder_name("denialwatch/processed") == "denialwatch.processed"
    assert maildir_folder_name("review") == "review"
    for bad in ("", "a//b", "/a", "a/../b"):
        with pytest.raises(SourceError):
            maildir_folder_name(bad)


def test_custom_folders(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    deliver(root, "1700000001.M1P1.mx", raw_email(1))
    with MaildirSource(config(root, review_folder="Denials/Needs review")) as source:
        [uid] = source.list_uids()
        assert source.file(uid, Destination.REVIEW) == "Denials/Needs review"
    assert (root / ".Denials.Needs review" / "new" / uid).exists()


def test_a_key_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    with MaildirSource(config(tmp_path / "inbox")) as source:
        for bad in ("../escape", "a:2,S", ".hidden", ""):
            with pytest.raises(SourceError, match="not a Maildir key"):
                source.fetch(bad)


def test_use_outside_the_with_block_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="outside"):
        MaildirSource(config(tmp_path / "inbox")).list_uids()

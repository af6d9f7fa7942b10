"""The embedded demo: the project's own sample emails through one pass, with no server.

It writes a working directory holding a configuration (Maildir inbox, SQLite, Maildir
outbox), copies the sample emails into the inbox, and runs one pass. The configuration it
writes is an ordinary one: every other command works on it with ``--config``.
"""

from __future__ import annotations

import mailbox
import os
import shutil
from importlib import resources
from pathlib import Path

from denialwatch.config import Config, load_config

MARKER = ".denialwatch-demo"


def sample_emails() -> list[tuple[str, bytes]]:
    folder = resources.files("denialwatch") / "samples"
    items = [
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.name.endswith(".eml")
    ]
    return sorted(items)


def demo_config_text(root: Path) -> str:
    return f'''# Written by `denialwatch demo`: a self-contained configuration, no servers needed.
timezone = "America/Los_Angeles"

[inbox]
source = "maildir"
path = "{root / "inbox"}"

[outgoing]
transport = "maildir"
path = "{root / "outbox"}"
from_address = "Denial Help <denials@denialwatch.example.org>"

[database]
url = "sqlite:///{root / "denialwatch.db"}"

[storage]
path = "{root / "documents"}"
'''


def prepare(root: Path) -> Config:
    """Create (or reset) the demo directory and fill its inbox with the samples."""
    root = root.resolve()
    if root.exists():
        if not (root / MARKER).exists():
            raise FileExistsError(f"{root} exists and is not a denialwatch demo directory")
        shutil.rmtree(root)
    root.mkdir(parents=True, mode=0o700)
    (root / MARKER).touch(mode=0o600)
    config_path = root / "denialwatch.toml"
    config_path.write_text(demo_config_text(root), encoding="utf-8")
    os.chmod(config_path, 0o600)
    inbox = mailbox.Maildir(root / "inbox", create=True)
    for _name, raw in sample_emails():
        inbox.add(mailbox.MaildirMessage(raw))
    inbox.close()
    return load_config(config_path, environ={})

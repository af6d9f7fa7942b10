"""Run the reader over a labelled set of emails and score it: no database, no network.

What can be evaluated (``collect``):

- a folder with a ``labels.toml`` (or ``labels``, another labels file whose ``file`` entries
  are relative to the folder): the files it names; files it does not name are listed as
  unlabelled and skipped, and a named file that is missing is an error;
- a folder read as negatives (``negatives``): every ``.eml``, ``.txt`` and ``.md`` file in it
  and below, each of which must read as not adverse with nothing reported;
- one file, labelled by the labels file beside it (or ``labels``), or as a negative.

``.eml`` and ``.txt`` files are raw messages (RFC 5322). A ``.md`` file is a letter's text (a
transcription): it becomes the body of an email built in memory (``letter_as_email``), with
its YAML front matter and "# " heading lines cut, since those are the transcriber's notes.

``evaluate`` calls ``understand`` on each email with the given document limits, times it with
``timer`` (the clock is an argument), and keeps going when one email cannot be read: that
email's kind is "error" and its reason is reported.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from denialwatch.config import Documents
from denialwatch.errors import DenialwatchError
from denialwatch.evaluation.fields import FIELDS, read_values, score
from denialwatch.evaluation.labels import Label, LabelError, load_labels, negative
from denialwatch.evaluation.report import Outcome, Report
from denialwatch.service.understand import understand

SUFFIXES = (".eml", ".txt", ".md")
LABELS_FILE = "labels.toml"


@dataclass(frozen=True)
class Item:
    """One file to evaluate and what it should read as."""

    path: Path
    name: str
    """The file as reports name it: relative to the folder evaluated."""
    label: Label


@dataclass(frozen=True)
class Inputs:
    items: tuple[Item, ...]
    labels: Path | None
    unlabelled: tuple[str, ...] = ()


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path


def collect(path: Path, *, labels: Path | None = None, negatives: bool = False) -> Inputs:
    """What to evaluate under ``path``; raises ``LabelError`` when it cannot say."""
    if not path.exists():
        raise LabelError(f"{path}: no such file or folder")
    folder = path if path.is_dir() else path.parent
    if negatives and labels is None:
        files = list(_files(path)) if path.is_dir() else [path]
        found = tuple(Item(f, f.relative_to(folder).as_posix(), negative(f.name)) for f in files)
        if not found:
            raise LabelError(f"{path}: no .eml, .txt or .md files")
        return Inputs(found, None)
    labels_path = labels if labels is not None else folder / LABELS_FILE
    if not labels_path.is_file():
        raise LabelError(
            f"{path}: no {LABELS_FILE} here; pass --labels FILE, or --negatives to read every "
            "file as a negative"
        )
    by_name = {label.file: label for label in load_labels(labels_path)}
    if path.is_file():
        label = by_name.get(path.name) or by_name.get(path.relative_to(folder).as_posix())
        if label is None:
            raise LabelError(f"{labels_path} has no label for {path.name}")
        return Inputs((Item(path, path.name, label),), labels_path)
    missing = sorted(name for name in by_name if not (folder / name).is_file())
    if missing:
        raise LabelError(f"{labels_path} names files that are not in {folder}: {missing}")
    items = tuple(Item(folder / name, name, label) for name, label in by_name.items())
    named = {(folder / name).resolve() for name in by_name}
    unlabelled = tuple(
        f.relative_to(folder).as_posix()
        for f in _files(folder)
        if f.resolve() not in named and f.resolve() != labels_path.resolve()
    )
    return Inputs(items, labels_path, unlabelled)


def letter_text(markdown: str) -> str:
    """A transcription without its YAML front matter and "# " heading lines (the notes)."""
    text = markdown
    if text.startswith("---"):
        parts = text.split("---", 2)
        text = parts[2] if len(parts) == 3 else ""
    return "\n".join(line for line in text.splitlines() if not line.startswith("# "))


def letter_as_email(text: str, name: str) -> bytes:
    """``text`` as the body of an email a patient sends the service (fixed headers)."""
    message = EmailMessage()
    message["From"] = "Patient <patient@example.org>"
    message["To"] = "DenialWatch <help@denialwatch.example.org>"
    message["Subject"] = "Letter"
    message["Date"] = "Thu, 01 Jan 2026 12:00:00 -0800"
    token = hashlib.sha256(name.encode()).hexdigest()[:24]
    message["Message-ID"] = f"<{token}@eval.example.org>"
    message.set_content(text)
    return message.as_bytes(policy=SMTP)


def message_bytes(path: Path) -> bytes:
    if path.suffix.lower() == ".md":
        return letter_as_email(letter_text(path.read_text(encoding="utf-8")), path.name)
    return path.read_bytes()


def _evaluate_one(
    item: Item, *, limits: Documents, max_bytes: int, timer: Callable[[], float]
) -> Outcome:
    start = timer()
    error: str | None = None
    try:
        reading = understand(message_bytes(item.path), limits=limits, max_bytes=max_bytes).reading
    except DenialwatchError as err:
        reading = None
        error = str(err) or type(err).__name__
    except Exception as err:  # a reader bug on one email is a finding, not a reason to stop
        reading = None
        error = f"{type(err).__name__}: {err}"
    seconds = timer() - start
    read = read_values(reading)
    expected = {"kind": item.label.kind, **item.label.fields}
    counts = {
        rule.name: score(rule, expected.get(rule.name), read.get(rule.name)) for rule in FIELDS
    }
    return Outcome(item.name, item.label, read, seconds, counts, error)


def evaluate(
    inputs: Inputs,
    *,
    source: str,
    limits: Documents,
    max_bytes: int,
    timer: Callable[[], float] = time.perf_counter,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Read every item with ``understand`` and score it against its label."""
    start = timer()
    outcomes: list[Outcome] = []
    for index, item in enumerate(inputs.items, 1):
        outcomes.append(_evaluate_one(item, limits=limits, max_bytes=max_bytes, timer=timer))
        if progress is not None:
            progress(index, len(inputs.items))
    labels = str(inputs.labels) if inputs.labels else None
    return Report(source, labels, tuple(outcomes), inputs.unlabelled, timer() - start)

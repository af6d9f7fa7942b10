"""The labelled corpus (tests/labelled/): what tools/make_labelled.py writes now, covering what
the issue asks for, with an answer key denialwatch's evaluation can read."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from denialwatch.domain.model import Category, DocumentKind, Route
from denialwatch.evaluation.labels import LabelError, load_labels
from tests.builders import parse
from tests.conftest import require

REPO = Path(__file__).resolve().parents[2]
LABELLED = REPO / "tests" / "labelled"
LABELS = LABELLED / "labels.toml"


@pytest.fixture(scope="module")
def make_labelled() -> Iterator[ModuleType]:
    require(
        importlib.util.find_spec("docx") is not None,
        "python-docx is not installed (the corpus has Word letters): pip install python-docx",
    )
    spec = importlib.util.spec_from_file_location(
        "make_labelled", REPO / "tools" / "make_labelled.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def entries() -> list[dict[str, object]]:
    emails = tomllib.loads(LABELS.read_text(encoding="utf-8"))["email"]
    assert isinstance(emails, list)
    return emails


def test_the_folder_is_what_the_tool_writes_now(make_labelled: ModuleType) -> None:
    assert make_labelled.stale_files(LABELLED) == [], "run: python tools/make_labelled.py"


def test_every_email_is_labelled_and_every_label_names_an_email() -> None:
    labels = load_labels(LABELS)
    on_disk = sorted(p.name for p in LABELLED.glob("*.eml"))
    assert sorted(label.file for label in labels) == on_disk
    assert len(on_disk) >= 48


def test_the_corpus_covers_what_the_issue_asks_for(entries: list[dict[str, object]]) -> None:
    def values(key: str) -> list[object]:
        found = []
        for entry in entries:
            fields = entry.get("fields", {})
            assert isinstance(fields, dict)
            if key in fields:
                found.append(fields[key])
        return found

    assert {e["kind"] for e in entries} == {kind.value for kind in DocumentKind}
    assert set(values("route")) == {route.value for route in Route}
    assert set(values("category")) == {c.value for c in Category if c is not Category.UNKNOWN}
    assert set(values("urgent")) == {True, False}
    assert sum(e["language"] == "es" for e in entries) >= 6
    assert sum(e["scanned"] is True for e in entries) >= 4
    deliveries: set[str] = set()
    for entry in entries:
        delivery = entry["delivery"]
        assert isinstance(delivery, list)
        deliveries.update(delivery)
    assert {
        "pdf-attachment",
        "letter-pasted-in-body",
        "html-only",
        "gmail-inline",
        "outlook-inline",
        "apple-inline",
        "thunderbird-inline",
        "yahoo-inline",
        "forward-as-attachment",
        "nested-forward",
        "note",
        "docx-attachment",
        "scanned-pdf",
        "photo-jpeg",
    } <= deliveries
    unrelated = [e["letter"] for e in entries if e["kind"] == "not_denial"]
    assert {"kaiser_newsletter", "hospital_bill", "personal_email"} <= set(unrelated)


def test_emails_are_small_well_formed_and_addressed_at_example_domains() -> None:
    total = 0
    message_ids = set()
    for path in sorted(LABELLED.glob("*.eml")):
        raw = path.read_bytes()
        total += len(raw)
        assert len(raw) < 150_000, path.name
        message = parse(raw)
        assert not message.defects, path.name
        message_ids.add(str(message["Message-ID"]))
        for header in ("From", "To"):
            for address in message[header].addresses:
                domain = address.domain.split(".")
                assert domain[-2:] in (["example", "com"], ["example", "net"], ["example", "org"])
    assert total < 5_000_000
    assert len(message_ids) == len(list(LABELLED.glob("*.eml")))


def test_every_labelled_value_is_printed_in_its_letter(make_labelled: ModuleType) -> None:
    # build() raises when a labelled value is not in the text the email carries; building
    # every recipe again checks them all (and the sizes).
    built = make_labelled.build_all()
    assert len(built) == len(list(LABELLED.glob("*.eml")))


def test_the_real_letters_labels_load() -> None:
    labels = load_labels(LABELLED / "real_letters.toml")
    assert {label.kind for label in labels} == {"denial", "grievance_decision", "not_denial"}


def test_a_labels_file_with_an_unknown_field_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "labels.toml"
    bad.write_text('[[email]]\nfile = "a.eml"\nkind = "denial"\n[email.fields]\ncolour = "red"\n')
    with pytest.raises(LabelError, match="unknown field 'colour'"):
        load_labels(bad)
    bad.write_text('[[email]]\nfile = "a.eml"\nkind = "denial"\n[email.fields]\nroute = "x"\n')
    with pytest.raises(LabelError, match="route must be one of"):
        load_labels(bad)
    bad.write_text('[[email]]\nfile = "a.eml"\nkind = "letter"\n')
    with pytest.raises(LabelError, match="kind must be one of"):
        load_labels(bad)

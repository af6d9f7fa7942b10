"""The answer key: ``labels.toml`` read and checked, one ``Label`` per file.

The format (written by ``tools/make_labelled.py`` for ``tests/labelled/``, by hand for
``tests/labelled/real_letters.toml``)::

    [[email]]
    file = "01-kaiser-spine-denial-thunderbird-inline.eml"   # relative to the folder
    kind = "denial"                                           # a DocumentKind value
    language = "en"                                           # anything else: kept as notes

    [email.fields]                  # every field the letter prints; absent = must not be read
    insurer = "Kaiser Permanente"
    letter_date = 2026-03-11        # dates as TOML dates
    route = "dmhc"                  # route, category, decision: the enum values
    urgent = false
    codes = ["CPT 95810"]           # codes and criteria as lists

    [email.printed]                 # the letter's words behind a value (ignored here)

A file evaluated as a negative (``--negatives``) gets ``negative(name)``: kind ``not_denial``
and no fields.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from denialwatch.domain.model import DocumentKind
from denialwatch.errors import DenialwatchError
from denialwatch.evaluation.fields import BY_NAME, Compare, Value

_NOTES = ("letter", "description", "language", "scanned", "delivery", "note")


class LabelError(DenialwatchError):
    """A labels file is missing, is not TOML, or names an unknown kind, field or value."""


@dataclass(frozen=True)
class Label:
    """What one file should read as."""

    file: str
    kind: str
    fields: Mapping[str, Value] = field(default_factory=dict)
    notes: Mapping[str, Any] = field(default_factory=dict)
    """Language, scanned, delivery...: carried into the report, never scored."""


def negative(file: str) -> Label:
    """A file that must read as not adverse, with nothing reported."""
    return Label(file, DocumentKind.NOT_DENIAL.value)


def load_labels(path: Path) -> tuple[Label, ...]:
    """Read and check ``path``; raises ``LabelError`` naming the entry and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise LabelError(f"{path}: cannot read the labels: {err.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LabelError(f"{path}: not valid TOML: {err}") from None
    entries = data.get("email")
    if not isinstance(entries, list) or not entries:
        raise LabelError(f"{path}: no [[email]] entries")
    labels = [_label(path, index, entry) for index, entry in enumerate(entries, 1)]
    names = [label.file for label in labels]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise LabelError(f"{path}: files labelled twice: {', '.join(duplicates)}")
    return tuple(labels)


def _label(path: Path, index: int, entry: Any) -> Label:
    where = f"{path}: [[email]] #{index}"
    if not isinstance(entry, dict):
        raise LabelError(f"{where}: not a table")
    name = entry.get("file")
    if not isinstance(name, str) or not name:
        raise LabelError(f"{where}: file is missing")
    where = f"{path}: {name}"
    kind = entry.get("kind")
    kinds = BY_NAME["kind"].choices
    if kind not in kinds:
        raise LabelError(f"{where}: kind must be one of {', '.join(kinds)}")
    raw_fields = entry.get("fields", {})
    if not isinstance(raw_fields, dict):
        raise LabelError(f"{where}: fields must be a table")
    fields = {key: _value(where, key, value) for key, value in raw_fields.items()}
    unknown = set(entry) - {"file", "kind", "fields", "printed", *_NOTES}
    if unknown:
        raise LabelError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    notes = {key: entry[key] for key in _NOTES if key in entry}
    return Label(name, str(kind), fields, notes)


def _value(where: str, key: str, value: Any) -> Value:
    rule = BY_NAME.get(key)
    if rule is None or key == "kind":
        raise LabelError(f"{where}: unknown field {key!r}")
    compare = rule.compare
    if compare is Compare.FLAG:
        if isinstance(value, bool):
            return value
    elif compare is Compare.DATE:
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
    elif rule.many:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
    elif isinstance(value, str) and value.strip():
        if compare is Compare.CHOICE and value not in rule.choices:
            raise LabelError(f"{where}: {key} must be one of {', '.join(rule.choices)}")
        return value
    expected = {
        Compare.FLAG: "true or false",
        Compare.DATE: "a date (2026-03-11)",
        Compare.CODES: "a list of strings",
        Compare.PHRASES: "a list of strings",
    }.get(compare, "a string")
    raise LabelError(f"{where}: {key} must be {expected}")

"""What a labelled letter says, field by field: the answer key of ``tests/labelled/``.

``Expected`` holds the document kind and every field the letter really prints, each value as
the reader should report it (``denialwatch.evaluation`` compares them); a field left at
None (or an empty tuple) is one the letter does not print, so the reader must not report it.
Values that are not themselves text of the letter (a date, a route, a category, urgency, a
decision) carry in ``printed`` the words of the letter that show them; ``verbatim`` lists
every string that must occur in the letter, which ``tools/make_labelled.py`` asserts.

``LabelledLetter`` pairs a catalogue entry with its ``Expected``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from denialwatch.domain.model import Category, Decision, DocumentKind, Route

from .model import SampleLetter

DATE_FIELDS = ("letter_date", "service_date", "grievance_date")
TEXT_FIELDS = (
    "insurer",
    "plan_type",
    "member_id",
    "group_number",
    "reference_number",
    "service",
    "dmhc_case_number",
    "appeal_phone",
    "appeal_fax",
)
QUOTED_FIELDS = ("route", "category", "urgent", "decision", *DATE_FIELDS)
"""Fields whose value is not the letter's text: ``printed`` must give the words showing it."""


@dataclass(frozen=True)
class Expected:
    """The answer key for one letter (None: the letter does not print it)."""

    kind: DocumentKind
    insurer: str | None = None
    plan_type: str | None = None
    route: Route | None = None
    category: Category | None = None
    urgent: bool | None = None
    """True only when the letter says this case is handled as urgent; False for a standard
    one (written to the labels, and compared as "not reported")."""
    member_id: str | None = None
    group_number: str | None = None
    reference_number: str | None = None
    letter_date: date | None = None
    service_date: date | None = None
    service: str | None = None
    decision: Decision | None = None
    grievance_date: date | None = None
    dmhc_case_number: str | None = None
    codes: tuple[str, ...] = ()
    """``"CPT 95810"``, ``"CARC 50"``: system and code, as printed."""
    criteria: tuple[str, ...] = ()
    appeal_phone: str | None = None
    appeal_fax: str | None = None
    printed: tuple[tuple[str, str], ...] = ()
    """(field, words of the letter) for the fields in ``QUOTED_FIELDS``."""

    def __post_init__(self) -> None:
        quoted = dict(self.printed)
        for name in QUOTED_FIELDS:
            value = getattr(self, name)
            needs_quote = value is not None and value is not False and value is not Route.UNKNOWN
            if needs_quote and name not in quoted:
                raise ValueError(f"{name} needs the words of the letter that show it")
        unknown = quoted.keys() - set(QUOTED_FIELDS)
        if unknown:
            raise ValueError(f"printed words for fields that take the letter's text: {unknown}")

    def verbatim(self) -> tuple[str, ...]:
        """Every string that must occur in the letter's text."""
        found: list[str] = [v for name in TEXT_FIELDS if (v := getattr(self, name))]
        found += [*self.codes, *self.criteria, *(words for _, words in self.printed)]
        return tuple(found)

    def values(self) -> dict[str, object]:
        """The labelled fields (kind first), without ``printed``, None and empty tuples."""
        out: dict[str, object] = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.name == "printed" or value is None or value == ():
                continue
            out[spec.name] = value
        return out


@dataclass(frozen=True)
class LabelledLetter:
    """A catalogue entry and its answer key."""

    sample: SampleLetter
    expected: Expected

    @property
    def key(self) -> str:
        return self.sample.key

    def text(self) -> str:
        """What the labels are checked against: the letter, else the email's own words (with
        the plan's small print)."""
        if self.sample.letter is not None:
            return self.sample.letter_text()
        footer = self.sample.plan.footer if self.sample.plan else ()
        paragraphs = (*self.sample.email_paragraphs, *footer)
        return "\n\n".join(p.removeprefix("## ") for p in paragraphs)

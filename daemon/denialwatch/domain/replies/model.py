"""What a patient's reply says, as plain values: the events it reports, and what it asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from denialwatch.domain.events import CaseEvent, EventKind

Language = Literal["en", "es"]


@dataclass(frozen=True)
class ReplyEvent:
    """One thing the patient says happened, with the words it was read from."""

    kind: EventKind
    on: date
    """The day it happened (patient's zone): the date the patient wrote, resolved against the
    day the reply came and never after it; that day itself when they wrote none."""
    detail: tuple[tuple[str, str], ...]
    """For IMR_FILED: ``method`` (online, fax, mail), ``carrier`` (USPS, UPS, FedEx, DHL) and
    ``tracking``; for DMHC_ACKNOWLEDGED: ``dmhc_case_number``; for DMHC_DECISION_RECEIVED:
    ``decision`` (overturned, upheld, partial)."""
    quote: str
    """The sentence it came from, verbatim: a substring of the text that was read."""
    dated: bool
    """True when the patient wrote the day ("on 11/20", "ayer"); False when ``on`` is only the
    day the reply came. A deadline counted from an undated event is a guess: ask first."""

    def get(self, key: str) -> str | None:
        return next((value for name, value in self.detail if name == key), None)

    def as_case_event(self) -> CaseEvent:
        return CaseEvent(self.kind, self.on, self.detail)


@dataclass(frozen=True)
class ReplyReading:
    """Everything ``read_reply`` found; ``understood`` is False when nothing was actionable."""

    events: tuple[ReplyEvent, ...]
    stop_reminders: bool
    resume_reminders: bool
    """Both True means the reply asked for both: a person decides."""
    language: Language
    questions: tuple[str, ...]
    """Sentences the patient asked, verbatim (ending in "?"), for a person to answer."""
    understood: bool
    """False when no event and no reminder request was found: the reply goes to review with
    its text kept. Questions alone are not understood: a person answers them."""
    language_request: Language | None = None
    """The language the patient asks to be written in ("please write in Spanish", "English
    please"), which ``language`` (the one the reply is written in) is not; None when the
    reply asks for none. It does not make a reply ``understood``: the service applies it."""

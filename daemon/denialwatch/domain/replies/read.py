"""Reading one reply: sentences, then clauses, then the phrase table; then dates and details.

1. The text (the patient's new words, see ``mail.reply_text``) is cut into sentences
   (``domain.quote.sentences``) and each sentence into clauses (``text.clauses``).
2. A sentence that is a question yields no event, only the question itself (verbatim, for a
   person to answer); a polite request ("Can you stop the reminders?") still counts for the
   request rows.
3. Every row of ``rules.RULES`` runs on every clause; a match that survives its blockers is a
   hit.
4. Each hit takes the date written nearest to it in its clause, else in its sentence between
   the other hits either side ("I filed the grievance on 11/20 and on 11/25 they got it");
   none written: the reply's own day, ``dated=False``. A hit whose date is after ``today`` is
   dropped: a plan or a typo is not an event.
5. Hits of one kind merge into one event unless their details or written dates differ
   ("faxed it on 12/1 and mailed it on 12/2" is two filings).
6. Tracking numbers and carriers are added to the mailed IMR filing; a tracking number given
   as one ("tracking: 9400 ...", "USPS 9400 ...") reports a mailed filing by itself.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from denialwatch.domain.events import EventKind, FilingMethod
from denialwatch.domain.quote import capped, sentences
from denialwatch.domain.replies import details, rules, switch, text, when, words
from denialwatch.domain.replies.model import ReplyEvent, ReplyReading

MAX_READ_CHARS = 20_000
"""Characters of a reply that are read; a patient's reply is rarely over two thousand."""
MAX_MATCHES = 5
"""Matches of one row looked at per clause."""
BLOCKER_WINDOW = 150
"""How far before a match a negation or an intent is looked for, within its clause."""
MAX_QUOTE_CHARS = 200
MAX_HITS = 100
"""Hits kept per reply (dating and merging them is quadratic); a reply reports a handful."""

_CONTROLS = (EventKind.REMINDERS_STOPPED, EventKind.REMINDERS_RESUMED)


@dataclass(frozen=True)
class _Hit:
    kind: EventKind
    start: int
    end: int
    sentence: tuple[int, int]
    clause: tuple[int, int]
    detail: tuple[tuple[str, str], ...]
    on: date | None = None
    dated: bool = False


def read_reply(reply: str, *, today: date) -> ReplyReading:
    """What the patient's new words ``reply`` report, as of ``today`` (the day the reply was
    received, in the patient's zone). Pure: no clock, no I/O, no logging."""
    source = reply[:MAX_READ_CHARS]
    folded = text.fold(source)
    language = text.language(source)
    hits: list[_Hit] = []
    questions: list[str] = []
    asked_spans: list[tuple[int, int]] = []
    spans = list(sentences(source))
    asked_for = switch.language_request(folded, spans)
    for span in spans:
        found, asked = _read_sentence(source, folded, span)
        switched = switch.requested_in(folded, *span) is not None
        if asked_for and switch.NAMED.search(folded, *span):
            # "Don't write me in English. Write in Spanish." keeps the reminders.
            found = [hit for hit in found if hit.kind is not EventKind.REMINDERS_STOPPED]
        hits.extend(found[: MAX_HITS - len(hits)])
        if asked:
            asked_spans.append(span)
            granted = switched or any(
                hit.kind in (*_CONTROLS, EventKind.CASE_CLOSED) for hit in found
            )
            sentence = source[span[0] : span[1]]
            if sentence.rstrip(" \t\"')").endswith("?") and not granted:
                questions.append(sentence)
    written = when.dates_in(folded, today=today, day_first=language == "es")
    dated = [hit for hit in (_date(hit, hits, written, today) for hit in hits) if hit is not None]
    groups = _with_tracking(
        _merge(dated), source=source, folded=folded, asked=asked_spans, written=written, today=today
    )
    events = tuple(_event(hit, source) for hit in groups if hit.kind not in _CONTROLS)
    stop = any(hit.kind is EventKind.REMINDERS_STOPPED for hit in groups)
    resume = any(hit.kind is EventKind.REMINDERS_RESUMED for hit in groups)
    return ReplyReading(
        events=events,
        stop_reminders=stop,
        resume_reminders=resume,
        language=language,
        questions=tuple(questions),
        understood=bool(events) or stop or resume,
        language_request=asked_for,
    )


def _read_sentence(source: str, folded: str, span: tuple[int, int]) -> tuple[list[_Hit], bool]:
    """The hits of one sentence, and whether it is a question."""
    asked = text.is_question(folded[span[0] : span[1]])
    polite = asked and text.is_request(folded[span[0] : span[1]])
    found: list[_Hit] = []
    for clause in text.clauses(folded, *span):
        for row in rules.RULES:
            if asked and not (polite and row.request):
                continue
            for match in itertools.islice(row.pattern.finditer(folded, *clause), MAX_MATCHES):
                if _counts(
                    row,
                    start=match.start(),
                    clause=clause,
                    sentence=span,
                    source=source,
                    folded=folded,
                ):
                    detail = _detail(row, match, source)
                    found.append(_Hit(row.kind, match.start(), match.end(), span, clause, detail))
    return found, asked


def _counts(
    row: rules.Rule,
    *,
    start: int,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    source: str,
    folded: str,
) -> bool:
    """Whether a match at ``start`` is a statement of fact (or a request) and not negated,
    planned, supposed, someone else's act, or about something else."""
    low = max(clause[0], start - BLOCKER_WINDOW)
    if low > clause[0]:
        space = folded.find(" ", low, start)
        low = space if space >= 0 else start
    blockers = words.REQUEST_BLOCKERS if row.request else words.FACT_BLOCKERS
    if blockers.search(folded, low, start) or words.CONDITIONAL_SI.search(source, low, start):
        return False
    if row.unless is not None and row.unless.search(folded, *clause):
        return False
    if row.needs is not None and not row.needs.search(folded, *sentence):
        return False
    return not (row.by_patient and words.THIRD_PARTY.search(folded, low, start))


def _detail(row: rules.Rule, match: re.Match[str], source: str) -> tuple[tuple[str, str], ...]:
    """The row's fixed details, and the patient's own text of each named group."""
    found = list(row.detail)
    for name, value in match.groupdict().items():
        if value:
            start, end = match.span(name)
            found.append((name.split("__")[0], source[start:end]))
    return tuple(found)


def _date(hit: _Hit, hits: list[_Hit], written: list[when.Written], today: date) -> _Hit | None:
    """``hit`` with the day it happened; None when the patient wrote a day after ``today``.

    The date nearest to it (after it on a tie) in its own clause; else in its sentence, between
    the other hits either side, and not in a clause that holds another hit ("I faxed it
    yesterday and mailed a copy": the copy's day is not written)."""
    others = [
        other
        for other in hits
        if other.sentence == hit.sentence
        and (other.end <= hit.start or other.start >= hit.end)
        and (other.kind, other.detail) != (hit.kind, hit.detail)
    ]
    found = _nearest(hit, [w for w in written if _inside(w, hit.clause)])
    if found is None:
        low = max([hit.sentence[0], *(o.end for o in others if o.end <= hit.start)])
        high = min([hit.sentence[1], *(o.start for o in others if o.start >= hit.end)])
        taken = [o.clause for o in others]
        free = [
            w
            for w in written
            if _inside(w, (low, high)) and not any(_inside(w, clause) for clause in taken)
        ]
        found = _nearest(hit, free)
    if found is None:
        return replace(hit, on=today, dated=False)
    return None if found.on is None else replace(hit, on=found.on, dated=True)


def _inside(written: when.Written, span: tuple[int, int]) -> bool:
    return span[0] <= written.start and written.end <= span[1]


def _nearest(hit: _Hit, candidates: list[when.Written]) -> when.Written | None:
    def distance(written: when.Written) -> tuple[int, int]:
        if written.start >= hit.end:
            return written.start - hit.end, 0
        return max(0, hit.start - written.end), 1

    return min(candidates, key=distance, default=None)


def _compatible(group: _Hit, hit: _Hit) -> bool:
    if group.kind is not hit.kind:
        return False
    if group.dated and hit.dated and group.on != hit.on:
        return False
    keys = dict(group.detail)
    return all(keys.get(name, value) == value for name, value in hit.detail)


def _merge(hits: list[_Hit]) -> list[_Hit]:
    """One hit per kind, unless details or written dates differ; in order of first mention."""
    groups: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        index = next((i for i, group in enumerate(groups) if _compatible(group, hit)), None)
        if index is None:
            groups.append(hit)
            continue
        group = groups[index]
        names = {name for name, _ in group.detail}
        extra = tuple((name, value) for name, value in hit.detail if name not in names)
        if hit.dated and not group.dated:
            group = replace(
                group,
                on=hit.on,
                dated=True,
                start=hit.start,
                end=hit.end,
                sentence=hit.sentence,
                clause=hit.clause,
            )
        groups[index] = replace(group, detail=group.detail + extra)
    return groups


def _with_tracking(
    groups: list[_Hit],
    *,
    source: str,
    folded: str,
    asked: list[tuple[int, int]],
    written: list[when.Written],
    today: date,
) -> list[_Hit]:
    """The mailed IMR filing with its carrier and tracking number (a tracking number alone
    reports one)."""
    numbers: list[tuple[details.Tracking, tuple[int, int]]] = []
    for span in sentences(source):
        if span not in asked and not words.GRIEVANCE_CONTEXT.search(folded, *span):
            numbers.extend((found, span) for found in details.tracking_numbers(folded, *span))
    index = next(
        (
            i
            for i, group in enumerate(groups)
            if group.kind is EventKind.IMR_FILED
            and dict(group.detail).get("method", FilingMethod.MAIL.value) == FilingMethod.MAIL.value
        ),
        None,
    )
    if index is None and numbers:
        number, span = numbers[0]
        said = details.TRACKING_WORDS.search(folded, *span) or details.carrier_named(
            source[span[0] : span[1]], folded[span[0] : span[1]]
        )
        if not said or words.FACT_BLOCKERS.search(folded, span[0], number.start):
            return groups  # a long number alone is no filing: say "tracking" or the carrier
        lone = _Hit(EventKind.IMR_FILED, number.start, number.end, span, span, ())
        alone = _date(lone, [], written, today)
        if alone is None:
            return groups
        groups = [*groups, alone]
        index = len(groups) - 1
    if index is None:
        return groups
    group = groups[index]
    if not numbers and dict(group.detail).get("method") != FilingMethod.MAIL.value:
        return groups  # a filing that does not say how: a carrier named elsewhere is no proof
    carrier = details.carrier_named(source, folded) or (numbers[0][0].carrier if numbers else None)
    added = [("method", FilingMethod.MAIL.value)]
    added += [("carrier", carrier)] if carrier else []
    added += [("tracking", numbers[0][0].number)] if numbers else []
    names = {name for name, _ in group.detail}
    groups[index] = replace(
        group, detail=group.detail + tuple(p for p in added if p[0] not in names)
    )
    return groups


def _event(hit: _Hit, source: str) -> ReplyEvent:
    start, end = capped(source, hit.sentence, (hit.start, hit.end), MAX_QUOTE_CHARS)
    assert hit.on is not None
    return ReplyEvent(hit.kind, hit.on, hit.detail, source[start:end], hit.dated)

"""Every patient email in English and Spanish: the catalog is complete, and no English is left.

The catalog checks run the Babel extractor over the package with ``babel.cfg``'s mapping, so
an English message added to the code or a template without its Spanish fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary
from denialwatch.domain.deadlines.model import Deadline, DeadlineKind
from denialwatch.domain.eligibility import Assessment, CaseFacts, Reason, Status, assess
from denialwatch.domain.events import EventKind
from denialwatch.domain.model import Category, Decision, Route
from denialwatch.domain.notice import (
    Notice,
    approved,
    case_opened,
    dmhc_acknowledged,
    dmhc_decided,
    dmhc_letter,
    grievance_acknowledged,
    grievance_decision,
    imr_sentence,
    message_attached,
    portal_notice,
    reply_recorded,
)
from denialwatch.domain.reminders.model import ReminderKind
from denialwatch.domain.reminders.notice import reminder_notice
from denialwatch.rendering import catalog_path, gettext_for, long_date
from denialwatch.service.calendar import CALENDAR_KINDS

ROOT = Path(__file__).resolve().parents[2]
DMHC = Dmhc()
TODAY = date(2026, 3, 10)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
ANY_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")

SUMMARY = CaseSummary(
    case_id=12,
    insurer="Kaiser Permanente",
    member_id="000019482736",
    reference_number="UMD-2026-0311-4471",
    letter_date=date(2026, 3, 3),
    service="Lumbar spinal fusion surgery",
    category=Category.MEDICAL_NECESSITY,
    route=Route.DMHC,
    urgent=True,
    reasons=("It is not medically necessary.",),
    patient_name="Ana",
)
EMPTY = CaseSummary(
    case_id=3,
    insurer=None,
    member_id=None,
    reference_number=None,
    letter_date=None,
    service=None,
    category=Category.UNKNOWN,
    route=Route.UNKNOWN,
    urgent=False,
    reasons=(),
    patient_name=None,
)
KNOWN_ENGLISH = (
    # The patient's own facts, and the official names that stay in English.
    *(SUMMARY.insurer or "", SUMMARY.service or "", *SUMMARY.reasons),
    "Department of Managed Health Care",
    "Department of Insurance",
    "Division of Workers' Compensation",
    "workers' compensation",
    "DWC Independent Medical Review",
    "Health Consumer Alliance",
    "Help Center",
    "Medicare Advantage",
    "State Hearing",
    "IMR/Complaint",
    # The letter is in English for the reviewer: its placeholder labels are what the patient
    # types back, so an example answer names one as the letter shows it.
    "YOUR CONDITION",
)
ENGLISH_WORDS = re.compile(r"\b(?:the|your|you|with|we|our|please|and|this|that)\b", re.I)


def catalog() -> Catalog:
    with catalog_path("es").open("rb") as po:
        return read_po(po, locale="es")


def extracted() -> dict[str, tuple[str, int]]:
    """Every message id in the sources, with where it was found."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    found: dict[str, tuple[str, int]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, (filename, line))
    return found


def test_every_message_in_the_sources_is_in_the_spanish_catalog() -> None:
    ids = {str(m.id) for m in catalog() if m.id}
    missing = {text: where for text, where in extracted().items() if text not in ids}
    assert not missing, f"add these to the .po (locale/README.md): {missing}"


def test_the_catalog_holds_no_obsolete_message() -> None:
    sources = set(extracted())
    stale = [str(m.id) for m in catalog() if m.id and str(m.id) not in sources]
    assert not stale, "run pybabel update (locale/README.md)"


def test_no_translation_is_empty_or_fuzzy() -> None:
    po = catalog()
    assert not po.fuzzy
    empty = [str(m.id) for m in po if m.id and not m.string]
    fuzzy = [str(m.id) for m in po if m.id and m.fuzzy]
    assert empty == []
    assert fuzzy == []


def test_every_translation_keeps_its_placeholders() -> None:
    for message in catalog():
        if not message.id:
            continue
        wanted = set(PLACEHOLDER.findall(str(message.id)))
        assert set(PLACEHOLDER.findall(str(message.string))) == wanted, message.id


def test_the_spanish_uses_tu_not_usted() -> None:
    said = " ".join(str(m.string) for m in catalog() if m.id)
    # "ustedes" (you and your doctor) is Latin-American plural, not a formal "usted".
    assert not re.search(r"\busted\b|\bsu caso\b|\bsu plan\b", said, re.IGNORECASE)


def test_every_calendar_title_is_translated() -> None:
    _ = gettext_for("es")
    for title in CALENDAR_KINDS.values():
        assert _(title) != title


def deadline(kind: DeadlineKind) -> Deadline:
    return Deadline(
        kind=kind,
        due=date(2026, 4, 2),
        rule="rule",
        citation="HSC 1374.30(j)(3)",
        inputs=(),
        description="The English rule sentence.",
    )


def notices(language: str) -> Iterator[tuple[str, Notice]]:
    """Every notice and variant the service sends, in ``language``."""
    yield from opened(language)
    yield from updates(language)
    yield from reminders(language)


def opened(language: str) -> Iterator[tuple[str, Notice]]:
    for category in Category:
        for route in Route:
            for s in (SUMMARY, EMPTY):
                case = replace(s, category=category, route=route)
                facts = CaseFacts(route=route, category=category, urgent=s.urgent)
                yield (
                    f"case_opened {category} {route} {s.case_id}",
                    case_opened(
                        case,
                        letter_attached=True,
                        dmhc=DMHC,
                        assessment=assess(facts, TODAY),
                        dates=[("Last day", date(2026, 9, 1))],
                        language=language,
                    ),
                )


def updates(language: str) -> Iterator[tuple[str, Notice]]:
    for s in (SUMMARY, EMPTY):
        now = assess(CaseFacts(Route.DMHC, Category.EXPERIMENTAL, False), TODAY)
        later = assess(
            CaseFacts(Route.DMHC, Category.MEDICAL_NECESSITY, False, date(2026, 3, 1)), TODAY
        )
        yield "attached", message_attached(s, dmhc=DMHC, language=language)
        for assessment in (now, later):
            yield (
                "grievance_decision",
                grievance_decision(s, dmhc=DMHC, assessment=assessment, language=language),
            )
            for filed in (date(2026, 3, 1), None):
                yield (
                    "grievance_acknowledged",
                    grievance_acknowledged(
                        s, dmhc=DMHC, assessment=assessment, filed=filed, language=language
                    ),
                )
        for reversal in (True, False):
            yield "approved", approved(s, dmhc=DMHC, reversal=reversal, language=language)
        for number in ("IMR-2026-1", None):
            yield (
                "dmhc_acknowledged",
                dmhc_acknowledged(s, dmhc=DMHC, dmhc_case=number, language=language),
            )
        for decision in (*Decision, None):
            yield (
                f"dmhc_decided {decision}",
                dmhc_decided(s, dmhc=DMHC, decision=decision, language=language),
            )
        yield "dmhc_letter", dmhc_letter(s, dmhc=DMHC, language=language)
        yield (
            "portal",
            portal_notice(
                insurer=s.insurer,
                name=s.patient_name,
                number=s.number,
                dmhc=DMHC,
                language=language,
            ),
        )
        details = (
            {"method": "mail", "carrier": "USPS", "tracking": "9400 1000"},
            {"method": "online", "decision": "overturned"},
            {"decision": "upheld", "dmhc_case_number": "IMR-2026-1"},
            {"decision": "partial", "tracking": "9400"},
        )
        recorded = [
            (kind, date(2026, 3, 1), index % 2 == 0, details[index % len(details)])
            for index, kind in enumerate(EventKind)
            if kind not in (EventKind.REMINDERS_STOPPED, EventKind.REMINDERS_RESUMED)
        ]
        for reminders in (EventKind.REMINDERS_STOPPED, EventKind.REMINDERS_RESUMED, None):
            yield (
                f"reply_recorded {reminders}",
                reply_recorded(
                    s,
                    recorded=recorded,
                    reminders=reminders,
                    questions=True,
                    dmhc=DMHC,
                    language=language,
                ),
            )


def reminders(language: str) -> Iterator[tuple[str, Notice]]:
    for s in (SUMMARY, EMPTY):
        for kind in ReminderKind:
            for about in (date(2026, 3, 10), date(2026, 3, 11), date(2026, 4, 2)):
                for due in DeadlineKind:
                    yield (
                        f"reminder {kind} {due}",
                        reminder_notice(
                            kind,
                            s,
                            about=about,
                            deadline=deadline(due),
                            today=TODAY,
                            dmhc=DMHC,
                            language=language,
                        ),
                    )


def english_left(text: str) -> list[str]:
    """English words in ``text`` once the patient's facts and official names are set aside."""
    for known in KNOWN_ENGLISH:
        text = text.replace(known, "")
    return ENGLISH_WORDS.findall(re.sub(r"<[^>]+>", " ", text))


def test_no_english_sentence_is_left_in_any_spanish_notice() -> None:
    po = catalog()
    fragments = [
        piece.strip()
        for message in po
        if message.id and message.string != message.id
        for piece in ANY_PLACEHOLDER.split(str(message.id))
        if len(piece.strip()) >= 20
        and piece.strip() not in str(message.string)  # an official name kept in English
    ]
    for name, notice in notices("es"):
        for part in (notice.subject, notice.text, notice.html):
            assert english_left(part) == [], (name, part)
            for fragment in fragments:
                assert fragment not in part, (name, fragment)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_notice_names_its_case_in_text_and_html(language: str) -> None:
    for name, notice in notices(language):
        for part in (notice.subject, notice.text, notice.html):
            assert "DW-000" in part, (name, part)
        assert f'<html lang="{language}">' in notice.html


def test_the_english_stays_english() -> None:
    for name, notice in notices("en"):
        assert "Hello" in notice.text, name
        assert not re.search(r"[ñ¿¡]", notice.text + notice.subject), name


def only(language: str, match: Callable[[str, Notice], bool]) -> Notice:
    return next(notice for name, notice in notices(language) if match(name, notice))


def test_a_spanish_case_opened_email_reads_as_expected() -> None:
    notice = case_opened(
        SUMMARY,
        letter_attached=True,
        dmhc=DMHC,
        assessment=assess(CaseFacts(Route.DMHC, Category.MEDICAL_NECESSITY, True), TODAY),
        dates=[("Último día para presentar tu queja", date(2026, 9, 1))],
        language="es",
    )
    assert notice.subject.startswith("[DW-00012] Abrimos un caso")
    for part in (notice.text, notice.html):
        assert "Hola, Ana:" in part
        assert "DW-00012" in part
        assert "3 de marzo de 2026" in part
        assert "1 de septiembre de 2026" in part
        assert "Revisión Médica Independiente (IMR)" in part
        assert "Presenta una queja (una apelación) ante Kaiser Permanente" in part
        assert "3 días, porque tu caso es urgente" in part
        assert "Este correo es información, no asesoría legal." in part
    assert "TU SIGUIENTE PASO" in notice.text
    assert "<strong>DW-00012</strong>" in notice.html


def test_a_spanish_reminder_reads_as_expected() -> None:
    notice = reminder_notice(
        ReminderKind.IMR_FILE_BY,
        SUMMARY,
        about=date(2026, 3, 11),
        deadline=deadline(DeadlineKind.IMR_FILE_BY),
        today=TODAY,
        dmhc=DMHC,
        language="es",
    )
    assert notice.subject == (
        "[DW-00012] Pide tu Revisión Médica Independiente (IMR) a más tardar el 11 de marzo de 2026"
    )
    assert "es el 11 de marzo de 2026, mañana." in notice.text
    assert "Por qué: Tienes 6 meses" in notice.text
    assert "Tu número de caso es DW-00012" in notice.text


def test_a_spanish_reply_answer_says_back_what_was_understood() -> None:
    notice = reply_recorded(
        SUMMARY,
        recorded=[(EventKind.IMR_FILED, date(2026, 3, 1), False, {"method": "fax"})],
        reminders=EventKind.REMINDERS_STOPPED,
        questions=False,
        dmhc=DMHC,
        language="es",
    )
    assert (
        "Pediste la Revisión Médica Independiente (IMR) por fax (no dijiste qué día: usamos el "
        "1 de marzo de 2026" in notice.text
    )
    assert 'Responde "reanudar recordatorios"' in notice.text


@pytest.mark.parametrize("reason", list(Reason))
def test_every_eligibility_reason_is_said_in_both_languages(reason: Reason) -> None:
    assessment = Assessment(
        Status.NEED_INFO, "English.", "HSC", reason=reason, days=30, insurer="CalOptima Health"
    )
    english = imr_sentence(assessment, language="en")
    spanish = imr_sentence(assessment, language="es")
    assert english != spanish
    assert english_left(spanish.replace("CalOptima Health", "")) == []
    assert "%(" not in spanish


def test_an_eligibility_assessment_says_its_words_in_english_unchanged() -> None:
    result = assess(
        CaseFacts(Route.DMHC, Category.MEDICAL_NECESSITY, False, date(2026, 3, 1)), TODAY
    )
    assert result.why == (
        "The plan has 30 days to decide your grievance; if it has not decided by then, you can "
        "apply anyway."
    )
    assert imr_sentence(result) == f"From March 31, 2026. {result.why}"
    assert imr_sentence(result, language="es").startswith("Desde el 31 de marzo de 2026. El plan")


def test_dates_are_long_in_each_language() -> None:
    assert long_date(date(2026, 3, 3)) == "March 3, 2026"
    assert long_date(date(2026, 3, 3), "es") == "3 de marzo de 2026"
    assert long_date(date(2026, 3, 3), "es-MX") == "3 de marzo de 2026"
    assert long_date(date(2026, 3, 3), "fr") == "March 3, 2026"


def test_an_unsupported_language_gets_english() -> None:
    notice = dmhc_letter(SUMMARY, dmhc=DMHC, language="fr")
    assert notice.subject == "[DW-00012] We added the DMHC's letter to your case"
    assert only("es", lambda name, _: name == "dmhc_letter").subject.startswith(
        "[DW-00012] Agregamos"
    )

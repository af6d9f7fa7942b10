"""Reading a patient's reply: the events it reports, its requests, its questions.

The day the replies are read is Wednesday 7 January 2026, so "yesterday" is 6 January, "last
Friday" is 2 January, and "11/20" (no year) is 20 November 2025.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from denialwatch.domain.events import EventKind
from denialwatch.domain.replies import ReplyReading, read_reply
from denialwatch.domain.replies import read as reading
from denialwatch.mail.reply_text import reply_text

K = EventKind
TODAY = date(2026, 1, 7)
YESTERDAY = date(2026, 1, 6)
Expected = tuple[EventKind, date | None, dict[str, str]]
"""(kind, the day written or None for an undated event, details)."""

READINGS: list[tuple[str, list[Expected]]] = [
    # The grievance was filed.
    ("I filed the grievance on 11/20", [(K.GRIEVANCE_FILED, date(2025, 11, 20), {})]),
    ("presenté la queja el 20/11", [(K.GRIEVANCE_FILED, date(2025, 11, 20), {})]),
    ("I fild the apeal on 12/2", [(K.GRIEVANCE_FILED, date(2025, 12, 2), {})]),
    ("Sent in my greivance yesterday.", [(K.GRIEVANCE_FILED, YESTERDAY, {})]),
    ("Ya presente la apelacion ayer", [(K.GRIEVANCE_FILED, YESTERDAY, {})]),
    ("I appealed on December 1st", [(K.GRIEVANCE_FILED, date(2025, 12, 1), {})]),
    ("La queja fue presentada el 2 de enero", [(K.GRIEVANCE_FILED, date(2026, 1, 2), {})]),
    # The plan acknowledged it.
    ("the plan got my appeal", [(K.GRIEVANCE_ACKNOWLEDGED, None, {})]),
    ("Kaiser recieved my appeal on 12/4", [(K.GRIEVANCE_ACKNOWLEDGED, date(2025, 12, 4), {})]),
    ("Recibieron mi apelación el lunes", [(K.GRIEVANCE_ACKNOWLEDGED, date(2026, 1, 5), {})]),
    # The plan kept its denial.
    ("they said no again", [(K.GRIEVANCE_DECISION_RECEIVED, None, {})]),
    ("They denied my appeal.", [(K.GRIEVANCE_DECISION_RECEIVED, None, {})]),
    (
        "My appeal was denied on December 3rd, 2025.",
        [(K.GRIEVANCE_DECISION_RECEIVED, date(2025, 12, 3), {})],
    ),
    ("Me la negaron otra vez 😡", [(K.GRIEVANCE_DECISION_RECEIVED, None, {})]),
    ("dijeron que no otra vez", [(K.GRIEVANCE_DECISION_RECEIVED, None, {})]),
    (
        "Mi apelación fue negada el 3 de diciembre.",
        [(K.GRIEVANCE_DECISION_RECEIVED, date(2025, 12, 3), {})],
    ),
    # Urgent.
    ("it's urgent", [(K.MARKED_URGENT, None, {})]),
    ("Es urgente, por favor.", [(K.MARKED_URGENT, None, {})]),
    ("My doctor says this is URGENT", [(K.MARKED_URGENT, None, {})]),
    # The IMR application.
    ("I applied online", [(K.IMR_FILED, None, {"method": "online"})]),
    ("faxed it today", [(K.IMR_FILED, TODAY, {"method": "fax"})]),
    (
        "mailed it today, tracking 9400 1000 0000 0000 0000 00",
        [
            (
                K.IMR_FILED,
                TODAY,
                {"method": "mail", "carrier": "USPS", "tracking": "9400100000000000000000"},
            )
        ],
    ),
    (
        "lo envié por correo certificado",
        [(K.IMR_FILED, None, {"method": "mail", "carrier": "USPS"})],
    ),
    ("Lo mandé por fax hoy", [(K.IMR_FILED, TODAY, {"method": "fax"})]),
    ("La envié en línea hace tres días", [(K.IMR_FILED, date(2026, 1, 4), {"method": "online"})]),
    (
        "i submitted my IMR application online through healthhelp.ca.gov on 1/2/2026",
        [(K.IMR_FILED, date(2026, 1, 2), {"method": "online"})],
    ),
    (
        "I mailed the IMR packet via UPS, tracking number 1Z999AA10123456784",
        [
            (
                K.IMR_FILED,
                None,
                {"method": "mail", "carrier": "UPS", "tracking": "1Z999AA10123456784"},
            )
        ],
    ),
    (
        "Sent it FedEx last Friday, tracking 123456789012",
        [
            (
                K.IMR_FILED,
                date(2026, 1, 2),
                {"method": "mail", "carrier": "FedEx", "tracking": "123456789012"},
            )
        ],
    ),
    (
        "Here is the tracking: 9405 5036 9930 0123 4567 89",
        [
            (
                K.IMR_FILED,
                None,
                {"method": "mail", "carrier": "USPS", "tracking": "9405503699300123456789"},
            )
        ],
    ),
    ("I sent everything to the DMHC yesterday", [(K.IMR_FILED, YESTERDAY, {})]),
    # Delivered.
    ("it was delivered", [(K.DELIVERY_CONFIRMED, None, {})]),
    ("ya fue entregado", [(K.DELIVERY_CONFIRMED, None, {})]),
    ("The tracking says it was delivered on 1/5", [(K.DELIVERY_CONFIRMED, date(2026, 1, 5), {})]),
    # The DMHC acknowledged the application.
    (
        "DMHC case number 2026-12345",
        [(K.DMHC_ACKNOWLEDGED, None, {"dmhc_case_number": "2026-12345"})],
    ),
    (
        "Mi número de caso del DMHC es 2026-54321",
        [(K.DMHC_ACKNOWLEDGED, None, {"dmhc_case_number": "2026-54321"})],
    ),
    (
        "They accepted my application and assigned me a case manager",
        [(K.DMHC_ACKNOWLEDGED, None, {})],
    ),
    # The DMHC decided.
    ("they overturned it!", [(K.DMHC_DECISION_RECEIVED, None, {"decision": "overturned"})]),
    ("I won!!", [(K.DMHC_DECISION_RECEIVED, None, {"decision": "overturned"})]),
    ("¡gané!", [(K.DMHC_DECISION_RECEIVED, None, {"decision": "overturned"})]),
    ("they upheld the denial", [(K.DMHC_DECISION_RECEIVED, None, {"decision": "upheld"})]),
    (
        "DMHC overturned the denial on 1/3",
        [(K.DMHC_DECISION_RECEIVED, date(2026, 1, 3), {"decision": "overturned"})],
    ),
    (
        "Perdí 😢 mantuvieron la negación",
        [(K.DMHC_DECISION_RECEIVED, None, {"decision": "upheld"})],
    ),
    # The plan approved, or complied.
    ("the plan approved it", [(K.APPROVED, None, {})]),
    ("Fue aprobada la cirugía!", [(K.APPROVED, None, {})]),
    ("The plan reversed their decision yesterday", [(K.APPROVED, YESTERDAY, {})]),
    ("they scheduled my surgery", [(K.PLAN_COMPLIED, None, {})]),
    ("the plan paid", [(K.PLAN_COMPLIED, None, {})]),
    ("Ya me programaron la cirugía", [(K.PLAN_COMPLIED, None, {})]),
    ("La apelación me la negaron", [(K.GRIEVANCE_DECISION_RECEIVED, None, {})]),
    ("El rastreo dice que ya se entregó", [(K.DELIVERY_CONFIRMED, None, {})]),
    (
        "Me dieron un número de caso: 2026-12345",
        [(K.DMHC_ACKNOWLEDGED, None, {"dmhc_case_number": "2026-12345"})],
    ),
    ("Solicité la revisión médica independiente ayer", [(K.IMR_FILED, YESTERDAY, {})]),
    ("ya hice la solicitud en línea", [(K.IMR_FILED, None, {"method": "online"})]),
    ("I faxd it yesterday", [(K.IMR_FILED, YESTERDAY, {"method": "fax"})]),
    (
        "What a relief, they overturned it!",
        [(K.DMHC_DECISION_RECEIVED, None, {"decision": "overturned"})],
    ),
    (
        "The IMR decision came, they agreed with the plan :(",
        [(K.DMHC_DECISION_RECEIVED, None, {"decision": "upheld"})],
    ),
    (
        "Mailed it yesterday. USPS 9400 1000 0000 0000 0000 00",
        [
            (
                K.IMR_FILED,
                YESTERDAY,
                {"method": "mail", "carrier": "USPS", "tracking": "9400100000000000000000"},
            )
        ],
    ),
    # Closing.
    ("close my case", [(K.CASE_CLOSED, None, {})]),
    ("Sí cierren mi caso", [(K.CASE_CLOSED, None, {})]),
    ("cierren mi caso por favor", [(K.CASE_CLOSED, None, {})]),
    ("Could you please close my case?", [(K.CASE_CLOSED, None, {})]),
]


def simplified(reading: ReplyReading) -> list[Expected]:
    return [(e.kind, e.on if e.dated else None, dict(e.detail)) for e in reading.events]


@pytest.mark.parametrize(("reply", "expected"), READINGS)
def test_the_phrase_table(reply: str, expected: list[Expected]) -> None:
    reading = read_reply(reply, today=TODAY)
    assert simplified(reading) == expected
    assert reading.understood
    for event in reading.events:
        assert event.quote in reply
        assert event.on == (event.on if event.dated else TODAY)


def test_the_table_is_large_enough() -> None:
    assert len(READINGS) >= 40


@pytest.mark.parametrize(
    "reply",
    [
        "I haven't filed the grievance yet",
        "I have not filed my appeal",
        "I didnt mail it",
        "no lo he enviado",
        "Todavía no lo he mandado",
        "No he presentado la queja todavía",
        "I'm not going to file the grievance until next week",
        "I will mail it tomorrow",
        "I'm planning to fax it on Monday",
        "Voy a enviarlo por correo mañana",
        "They haven't said anything yet.",
        "It's not urgent anymore",
        "I went to urgent care last night",
        "My medication was delivered today",
        "The plan gave me case number 998877 for my grievance",
        "My case number is DW-00012",
        "The insurance company sent me the appeal form",
        "Perdí la carta del plan",
        "They approved my application",
        "Please don't close my case",
        "Don't stop the reminders",
        "I won't file it online",
        "Me dijeron que no me preocupara",
        "If they deny my appeal I will apply for an IMR",
        "I mailed it on 12/5/2026",
        "Si lo mandé por fax ayer",
        "My doctor approved the letter",
        "My member ID is 12345678901234567890",
        "Blue Shield called yesterday to schedule my surgery",
        "I filled out the form online",
        "Thanks for your help!",
        "Gracias",
        "",
    ],
)
def test_negations_plans_and_other_things_are_not_events(reply: str) -> None:
    reading = read_reply(reply, today=TODAY)
    assert reading.events == ()
    assert not reading.stop_reminders
    assert not reading.resume_reminders
    assert not reading.understood


@pytest.mark.parametrize(
    ("reply", "questions"),
    [
        ("should I file it online?", ["should I file it online?"]),
        ("What is an IMR?", ["What is an IMR?"]),
        ("¿Qué hago ahora?", ["¿Qué hago ahora?"]),
        (
            "Did they get my appeal? Should I fax it again??",
            ["Did they get my appeal?", "Should I fax it again??"],
        ),
        ("Si lo envío por fax, ¿cuánto tarda?", ["Si lo envío por fax, ¿cuánto tarda?"]),
    ],
)
def test_questions_are_kept_verbatim_and_are_not_events(reply: str, questions: list[str]) -> None:
    reading = read_reply(reply, today=TODAY)
    assert list(reading.questions) == questions
    assert reading.events == ()
    assert not reading.understood


def test_a_question_beside_a_statement() -> None:
    reading = read_reply("When will they decide? I faxed it on 12/12.", today=TODAY)
    assert reading.questions == ("When will they decide?",)
    assert simplified(reading) == [(K.IMR_FILED, date(2025, 12, 12), {"method": "fax"})]
    assert reading.understood


@pytest.mark.parametrize(
    "reply",
    [
        "stop the reminders",
        "no más recordatorios",
        "unsubscribe",
        "Please stop sending me emails",
        "Dejen de enviarme correos",
        "Can you stop the reminders?",
        "I don't want any more reminders",
    ],
)
def test_stop_reminders(reply: str) -> None:
    reading = read_reply(reply, today=TODAY)
    assert reading.stop_reminders
    assert not reading.resume_reminders
    assert reading.events == ()
    assert reading.questions == ()
    assert reading.understood


@pytest.mark.parametrize(
    "reply",
    [
        "resume reminders",
        "Please turn the reminders back on",
        "Vuelvan a enviarme los recordatorios",
    ],
)
def test_resume_reminders(reply: str) -> None:
    reading = read_reply(reply, today=TODAY)
    assert reading.resume_reminders
    assert not reading.stop_reminders
    assert reading.understood


def test_several_events_in_one_reply_each_with_its_own_date() -> None:
    reply = (
        "Hi,\nI filed the grievance on 11/20 and they acknowledged it on 11/25. "
        "They denied my appeal on 12/20, so yesterday I faxed the IMR application. "
        "It's urgent!\nThanks, Maria"
    )
    reading = read_reply(reply, today=TODAY)
    assert simplified(reading) == [
        (K.GRIEVANCE_FILED, date(2025, 11, 20), {}),
        (K.GRIEVANCE_ACKNOWLEDGED, date(2025, 11, 25), {}),
        (K.GRIEVANCE_DECISION_RECEIVED, date(2025, 12, 20), {}),
        (K.IMR_FILED, YESTERDAY, {"method": "fax"}),
        (K.MARKED_URGENT, None, {}),
    ]
    assert reading.language == "en"


def test_two_filings_by_different_means_stay_two_events() -> None:
    reading = read_reply("I faxed it on 12/1 and I also mailed it on 12/2.", today=TODAY)
    assert simplified(reading) == [
        (K.IMR_FILED, date(2025, 12, 1), {"method": "fax"}),
        (K.IMR_FILED, date(2025, 12, 2), {"method": "mail"}),
    ]


def test_spanish_reply_with_events_and_a_question() -> None:
    reply = (
        "Hola. Ya mandé la solicitud por correo certificado el viernes pasado. "
        "¿Cuándo me responden?"
    )
    reading = read_reply(reply, today=TODAY)
    assert reading.language == "es"
    assert simplified(reading) == [
        (K.IMR_FILED, date(2026, 1, 2), {"method": "mail", "carrier": "USPS"}),
    ]
    assert reading.questions == ("¿Cuándo me responden?",)


def test_numbers_are_day_first_in_spanish_and_month_first_in_english() -> None:
    spanish = read_reply("Presenté la queja el 3/5", today=TODAY)
    english = read_reply("I filed the grievance on 3/5", today=TODAY)
    assert spanish.events[0].on == date(2025, 5, 3)
    assert english.events[0].on == date(2025, 3, 5)


def test_a_yearless_date_is_the_most_recent_not_after_today() -> None:
    assert read_reply("I filed the grievance on 1/7", today=TODAY).events[0].on == TODAY
    assert read_reply("I filed the grievance on 1/8", today=TODAY).events[0].on == date(2025, 1, 8)
    leap = read_reply("I filed the grievance on 2/29", today=TODAY).events[0].on
    assert leap == date(2024, 2, 29)


def test_quotes_are_the_patients_sentences() -> None:
    reply = "Good morning!\n\nI mailed it last Friday.  Tracking is 9400 1000 0000 0000 0000 00"
    event = read_reply(reply, today=TODAY).events[0]
    assert event.quote == "I mailed it last Friday."
    assert event.get("tracking") == "9400100000000000000000"
    assert event.as_case_event().get("method") == "mail"


def test_a_long_number_beside_a_mailed_filing_is_not_taken_for_tracking_when_it_is_a_claim() -> (
    None
):
    reading = read_reply("Mailed it. My claim number is 94001000000000000000000", today=TODAY)
    assert simplified(reading) == [(K.IMR_FILED, None, {"method": "mail"})]


def test_a_whole_reply_email_cut_then_read() -> None:
    body = (
        "Hi,\n\nI faxed the IMR application yesterday and mailed a copy by certified mail,\n"
        "tracking 9400 1000 0000 0000 0000 00.\nShould I call the DMHC?\n\n"
        "Sent from my iPhone\n\n"
        "On Tue, Jan 6, 2026 at 9:14 AM Denial Help <denials@denialwatch.example.org> wrote:\n\n"
        "> Reminder: apply for the IMR by June 1, 2026.\n"
        "> I filed the grievance on 11/20 and it was denied.\n"
    )
    words = reply_text(body)
    reading = read_reply(words, today=TODAY)
    assert simplified(reading) == [
        (K.IMR_FILED, YESTERDAY, {"method": "fax"}),
        (
            K.IMR_FILED,
            None,
            {"method": "mail", "carrier": "USPS", "tracking": "9400100000000000000000"},
        ),
    ]
    assert reading.questions == ("Should I call the DMHC?",)


def test_a_megabyte_of_hostile_text_is_read_quickly() -> None:
    units = ["filed the ", "9 ", "1/1/", "a@b 1:11 :", "> ", "case number ", ", and ", "x" * 50]
    for unit in units:
        started = time.perf_counter()
        read_reply(unit * (1_000_000 // len(unit)), today=TODAY)
        assert time.perf_counter() - started < 5.0, unit


@pytest.mark.slow
def test_the_patterns_are_linear_on_text_longer_than_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the read limit the patterns themselves: twice the text, about twice the time."""
    monkeypatch.setattr(reading, "MAX_READ_CHARS", 10_000_000)
    for unit in ["I filed x ", "9 ", "1/1/", "mailed it " + "x " * 30]:
        timings = []
        for size in (25_000, 100_000):
            started = time.perf_counter()
            read_reply(unit * (size // len(unit)), today=TODAY)
            timings.append(time.perf_counter() - started)
        assert timings[1] < 12 * timings[0] + 0.5, unit


REPLY_WORDS = st.sampled_from(
    [
        "I", "filed", "the", "grievance", "on", "11/20", "2/29", "12/5/2026", "yesterday",
        "ayer", "hoy", "last", "Friday", "viernes", "pasado", "mailed", "faxed", "it",
        "online", "tracking", "9400", "1000", "0000", "1Z999AA10123456784", "DMHC", "case",
        "number", "2026-12345", "won", "upheld", "denied", "my", "appeal", "approved",
        "urgent", "not", "haven't", "no", "lo", "envié", "por", "correo", "queja", "el",
        "20/11", "de", "noviembre", "stop", "reminders", "close", "caso", "?", "¿", ".",
        ",", "!", "\n", "> ", "next", "Monday", "3", "days", "ago", "hace", "tres", "días",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(REPLY_WORDS | st.text(max_size=12), max_size=60),
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
)
def test_read_reply_never_raises_never_dates_the_future_and_quotes_verbatim(
    words: list[str], today: date
) -> None:
    reply = " ".join(words)
    reading = read_reply(reply, today=today)
    assert reading.language in ("en", "es")
    assert reading.understood == bool(
        reading.events or reading.stop_reminders or reading.resume_reminders
    )
    for event in reading.events:
        assert event.on <= today
        assert event.on >= today - timedelta(days=366 * 30) or event.dated
        assert event.quote
        assert event.quote in reply
        assert event.kind not in (K.REMINDERS_STOPPED, K.REMINDERS_RESUMED)
    for question in reading.questions:
        assert question in reply


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)))
def test_read_reply_on_any_text(reply: str, today: date) -> None:
    reading = read_reply(reply, today=today)
    for event in reading.events:
        assert event.on <= today
        assert event.quote in reply


@pytest.mark.parametrize(
    ("reply", "language"),
    [
        ("Please write in Spanish.", "es"),
        ("Can you write to me in Spanish?", "es"),
        ("I only speak Spanish", "es"),
        ("I would prefer Spanish please", "es"),
        ("Español", "es"),
        ("en español por favor", "es"),
        ("Por favor, en español.", "es"),
        ("¿Pueden escribirme en español?", "es"),
        ("No hablo inglés.", "es"),
        ("English please", "en"),
        ("In English, please.", "en"),
        ("Please send the emails in English", "en"),
        ("Escríbanme en inglés, por favor", "en"),
        ("Prefiero inglés", "en"),
        ("Please don't write me in English, only in Spanish.", "es"),
    ],
)
def test_a_request_to_change_language_is_read_in_both_languages(reply: str, language: str) -> None:
    reading = read_reply(reply, today=TODAY)
    assert reading.language_request == language
    assert reading.questions == ()
    assert not reading.stop_reminders
    assert not reading.understood  # the service applies it; it is no event


@pytest.mark.parametrize(
    "reply",
    [
        "I filed the grievance on 11/20",
        "Envié la queja en español ayer.",
        "Gracias",
        "Thanks, in English it says the plan denied it.",
        "Stop sending emails in English",
        "Is the letter in Spanish?",
    ],
)
def test_ordinary_replies_ask_for_no_language(reply: str) -> None:
    assert read_reply(reply, today=TODAY).language_request is None


def test_a_language_request_beside_an_event_keeps_both() -> None:
    reading = read_reply("Presenté la queja ayer. Escríbanme en inglés, por favor.", today=TODAY)
    assert [event.kind for event in reading.events] == [K.GRIEVANCE_FILED]
    assert reading.language == "es"
    assert reading.language_request == "en"

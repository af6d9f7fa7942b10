"""Cutting the quoted email off a patient's reply: real clients' replies and hand-written ones.

The real replies are Mailgun talon's fixtures (../shared/corpus/email/talon), read in place
and parsed with the standard library. talon expects every one of them to come down to
"Hello" (or, for its HTML fixtures, "Hi. I am fine. Thanks, Alex"); it keeps the iPhone and
Sparrow signatures, which this module drops on purpose.
"""

from __future__ import annotations

import email
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from denialwatch.mail.html import html_to_text
from denialwatch.mail.reply_text import reply_text
from tests.conftest import require

TALON = ("email", "talon", "tests", "fixtures")
STANDARD_REPLIES = [
    "android.eml",
    "aol.eml",
    "apple_mail.eml",
    "apple_mail_2.eml",
    "comcast.eml",
    "gmail.eml",
    "hotmail.eml",
    "iphone.eml",
    "outlook.eml",
    "sparrow.eml",
    "thunderbird.eml",
    "yahoo.eml",
]
HTML_REPLIES = [
    "gmail.html",
    "hotmail.html",
    "mail_ru.html",
    "ms_outlook_2003.html",
    "ms_outlook_2007.html",
    "ms_outlook_2010.html",
    "thunderbird.html",
    "windows_mail.html",
    "yandex_ru.html",
]


def talon(corpus: Path, *parts: str) -> Path:
    path = corpus.joinpath(*TALON, *parts)
    require(path.exists(), f"talon fixture {path} is absent")
    return path


def plain_body(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(("plain",))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.corpus
@pytest.mark.parametrize("name", STANDARD_REPLIES)
def test_talon_standard_replies_come_down_to_hello(corpus: Path, name: str) -> None:
    body = plain_body(talon(corpus, "standard_replies", name))
    assert reply_text(body).strip() == "Hello"


@pytest.mark.corpus
@pytest.mark.parametrize("name", HTML_REPLIES)
def test_talon_html_replies_come_down_to_the_reply(corpus: Path, name: str) -> None:
    markup = talon(corpus, "html_replies", name).read_text(encoding="utf-8", errors="replace")
    assert squeezed(reply_text(html_to_text(markup))) == "Hi. I am fine. Thanks, Alex"


@pytest.mark.corpus
def test_talon_yahoo_attribution_above_an_unquoted_header_block(corpus: Path) -> None:
    body = plain_body(talon(corpus, "reply-quotations-share-block.eml"))
    text = reply_text(body)
    assert text.startswith("Hi Katharine.")
    assert text.endswith("Joe XXX")
    assert "wrote" not in text
    assert "Booking" not in text


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [("OLK_SRC_BODY_SECTION.html", "Reply"), ("reply-separated-by-hr.html", "Hi there Bob")],
)
def test_talon_other_html_replies(corpus: Path, name: str, expected: str) -> None:
    markup = talon(corpus, name).read_text(encoding="utf-8", errors="replace")
    assert squeezed(reply_text(html_to_text(markup))) == expected


GMAIL_EN = """I filed the grievance on 11/20.

On Mon, Mar 3, 2026 at 9:14 AM Denial Help <denials@denialwatch.example.org> wrote:

> Your case DW-00012 is open.
> Reply to this email when you file the grievance.
"""
GMAIL_WRAPPED = """Faxed it today.

On Mon, Mar 3, 2026 at 9:14 AM Denial Help <
denials@denialwatch.example.org> wrote:

> Your case DW-00012 is open.
"""
GMAIL_ES = """Presenté la queja el 20/11.

El lun, 3 mar 2026 a las 9:14, Denial Help (<denials@denialwatch.example.org>) escribió:

> Su caso DW-00012 está abierto.
"""
APPLE_ES = """Ya lo envié por correo certificado

Enviado desde mi iPhone

> El 3 mar 2026, a las 9:14, Denial Help <denials@denialwatch.example.org> escribió:
>
> Su caso DW-00012 está abierto.
"""
APPLE_EN = """They said no again.

Sent from my iPhone

On Mar 3, 2026, at 9:14 AM, Denial Help <denials@denialwatch.example.org> wrote:

> Your case DW-00012 is open.
"""
OUTLOOK_EN = """It was delivered yesterday.

Get Outlook for Android
________________________________
From: Denial Help <denials@denialwatch.example.org>
Sent: Monday, March 3, 2026 9:14 AM
To: Maria Lopez <maria@example.org>
Subject: Your case DW-00012: a reminder

Your IMR application should have arrived by now.
"""
OUTLOOK_ES = """Mi número de caso del DMHC es 2026-12345

De: Denial Help <denials@denialwatch.example.org>
Enviado: lunes, 3 de marzo de 2026 9:14
Para: Maria Lopez <maria@example.org>
Asunto: Su caso DW-00012

Recuerde enviar la solicitud.
"""
OUTLOOK_ONE_LINE = """Please stop the reminders.

From: Denial Help <denials@denialwatch.example.org> Sent: Monday, March 3, 2026 9:14 AM To: \
maria@example.org Subject: Your case
"""
ORIGINAL_MESSAGE = """I won!

-----Original Message-----
From: Denial Help <denials@denialwatch.example.org>
Sent: Mon, Mar 3, 2026 9:14 am
Subject: Your case DW-00012
"""
MENSAJE_ORIGINAL = """¡Gané!

----- Mensaje original -----
De: Denial Help
Asunto: Su caso
"""
BOTTOM_POSTED = """On Mon, Mar 3, 2026 at 9:14 AM Denial Help <denials@example.org> wrote:
> Did you file the grievance?

Yes, on 11/20.

> Did the plan acknowledge it?

Not yet.
"""
SIGNATURE = """Mailed it today, tracking 9400 1000 0000 0000 0000 00

--
Maria Lopez
555-0100
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GMAIL_EN, "I filed the grievance on 11/20."),
        (GMAIL_WRAPPED, "Faxed it today."),
        (GMAIL_ES, "Presenté la queja el 20/11."),
        (APPLE_ES, "Ya lo envié por correo certificado"),
        (APPLE_EN, "They said no again."),
        (OUTLOOK_EN, "It was delivered yesterday."),
        (OUTLOOK_ES, "Mi número de caso del DMHC es 2026-12345"),
        (OUTLOOK_ONE_LINE, "Please stop the reminders."),
        (ORIGINAL_MESSAGE, "I won!"),
        (MENSAJE_ORIGINAL, "¡Gané!"),
        (BOTTOM_POSTED, "Yes, on 11/20.\n\nNot yet."),
        (SIGNATURE, "Mailed it today, tracking 9400 1000 0000 0000 0000 00"),
    ],
)
def test_hand_written_replies(body: str, expected: str) -> None:
    assert reply_text(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "My doctor wrote:\nthe treatment is medically necessary.",
        "From now on, please write to my daughter.\nTo: her address is below",
        "I mailed it on 3/5: tracking 9400 1000 0000 0000 0000 00",
        "Date: the letter is dated 11/20\nI filed the grievance that day",
        "Sent with certified mail today, tracking 9400 1000 0000 0000 0000 00",
        "Sent from the post office on 12/1.",
        "Enviado por fax el lunes",
    ],
)
def test_the_patients_own_words_that_look_like_markers_are_kept(body: str) -> None:
    assert reply_text(body) == body


@pytest.mark.parametrize(
    "signature",
    [
        "Sent from my iPhone",
        "Enviado desde mi iPhone",
        "Enviado desde mi Samsung Galaxy",
        "Sent from Yahoo Mail on Android",
        "Get Outlook for Android",
        "Sent from my T-Mobile 5G Device",
    ],
)
def test_mobile_signatures_are_dropped(signature: str) -> None:
    assert reply_text(f"Ya fue entregado.\n\n{signature}\n") == "Ya fue entregado."


def test_nothing_left_is_empty() -> None:
    assert reply_text("> only a quote\n> nothing else\n") == ""
    assert reply_text("") == ""
    assert reply_text("\n\n   \n") == ""


def test_invisible_characters_do_not_hide_a_marker() -> None:
    body = "Done.\n\u200bOn Mon, Mar 3, 2026 at 9:14 AM Denial Help <d@example.org> wrote:\n> x\n"
    assert reply_text(body) == "Done."


@pytest.mark.parametrize(
    "line",
    [
        "On Mon, Mar 3, 2026 at 9:14 AM x@example.org wrote\n",
        "On Mon, Mar 3, 2026 at 9:14 AM x@example.org wrote:\n",
        "From: x\n",
        "> q\n",
        "x@y 1:11:\n",
        "a" * 999 + "\n",
        "\n",
        "-- \n",
    ],
)
def test_a_megabyte_of_hostile_lines_is_cut_quickly(line: str) -> None:
    body = line * (1_000_000 // len(line))
    started = time.perf_counter()
    reply_text(body)
    assert time.perf_counter() - started < 5.0

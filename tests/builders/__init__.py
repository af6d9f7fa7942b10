"""Realistic inputs for the tests and ``denialwatch demo``: denial letters and their emails.

Three layers, each pure (values in, bytes out; no clock, no randomness, no files):

* ``letter_pdf`` prints a letter the way a plan's correspondence system does: letterhead, date,
  member block, body, the regulator's statement in bold, page numbers, enclosure pages.
* ``insurer_email`` and ``personal_email`` make the message a patient receives; the
  ``forward_*`` functions, ``letter_in_body`` and ``reply_gmail`` wrap it the way real mail
  clients do when the patient sends it on to the service.
* ``SAMPLE_LETTERS`` is a catalogue of invented letters (people, numbers and dates are made up;
  the regulators' phone numbers and web sites are the real ones, since the product reads them).
  Every fact in a letter's ``Facts`` occurs verbatim in its text, so the reader can quote it.

Every builder takes its Message-ID and Date as parameters and sets each MIME boundary from a hash
of the Message-ID, so the same call returns the same bytes.

One concept per module; import the public names from ``tests.builders``, which re-exports them:

* ``people``: ``Party``, ``Plan``, the service's inbox, the invented plans and patients.
* ``model``: ``Letter``, ``Facts``, ``SampleLetter``, ``FileAttachment``.
* ``dates``: the patients' time zone and the dates mail clients write into a forward.
* ``pdf``: ``letter_pdf``, ``sample_pdf``, and the text helpers for the PDF's core font.
* ``mime``: what every email builder shares (``parse``, boundaries, serialising, quoting).
* ``emails``: emails made from a catalogue letter: the plan's, a person's, the letter pasted in.
* ``forwards``: an email already received, forwarded or replied to as mail clients do it.
* ``statements``: the regulators' statements the letters print.
* ``catalogue``: ``SAMPLE_LETTERS`` and ``DENIALS``, one module per kind of letter.
"""

from __future__ import annotations

from .catalogue import DENIALS, SAMPLE_LETTERS
from .dates import PACIFIC, apple_date, gmail_date, outlook_date
from .emails import insurer_email, letter_in_body, personal_email
from .forwards import (
    forward_apple_inline,
    forward_as_attachment,
    forward_gmail_inline,
    forward_outlook_inline,
    reply_gmail,
)
from .mime import BoundaryStyle, parse
from .model import Facts, FileAttachment, Letter, SampleLetter
from .pdf import latin1_safe, letter_pdf, normalise_space, sample_pdf
from .people import (
    AETNA,
    ANTHEM,
    BLUE_SHIELD,
    DARNELL,
    ELEANOR,
    GREGORY,
    HAROLD,
    HEALTH_NET,
    IEHP,
    JORDAN,
    JOSE,
    KAISER,
    LA_CARE,
    LINDA,
    MARISOL,
    MOLINA,
    NADIA,
    PRIYA,
    SAMANTHA,
    SCAN,
    SERVICE_INBOX,
    SHARP,
    TERESA,
    WALTER,
    Party,
    Plan,
)
from .statements import DMHC_PHONE, DMHC_TDD, cdi_statement, dmhc_statement, dmhc_statement_es

__all__ = [
    "AETNA",
    "ANTHEM",
    "BLUE_SHIELD",
    "DARNELL",
    "DENIALS",
    "DMHC_PHONE",
    "DMHC_TDD",
    "ELEANOR",
    "GREGORY",
    "HAROLD",
    "HEALTH_NET",
    "IEHP",
    "JORDAN",
    "JOSE",
    "KAISER",
    "LA_CARE",
    "LINDA",
    "MARISOL",
    "MOLINA",
    "NADIA",
    "PACIFIC",
    "PRIYA",
    "SAMANTHA",
    "SAMPLE_LETTERS",
    "SCAN",
    "SERVICE_INBOX",
    "SHARP",
    "TERESA",
    "WALTER",
    "BoundaryStyle",
    "Facts",
    "FileAttachment",
    "Letter",
    "Party",
    "Plan",
    "SampleLetter",
    "apple_date",
    "cdi_statement",
    "dmhc_statement",
    "dmhc_statement_es",
    "forward_apple_inline",
    "forward_as_attachment",
    "forward_gmail_inline",
    "forward_outlook_inline",
    "gmail_date",
    "insurer_email",
    "latin1_safe",
    "letter_in_body",
    "letter_pdf",
    "normalise_space",
    "outlook_date",
    "parse",
    "personal_email",
    "reply_gmail",
    "sample_pdf",
]

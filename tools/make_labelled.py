"""Write the labelled corpus that ``denialwatch eval`` measures the reader against.

Each email of ``tests/labelled/`` carries one letter of ``LABELLED_LETTERS`` (tests/builders/
catalogue/labelled.py) the way it reaches the service: attached as a PDF, scanned, photographed,
typed into Word, pasted into the body, inside a plan's HTML-only email, forwarded inline by
Gmail, Outlook, Apple Mail, Thunderbird or Yahoo, forwarded as an attachment, forwarded twice,
or as received (an automatic forward). ``labels.toml`` beside them gives each file's document
kind and every field its letter prints. Every Message-ID, date and MIME boundary is fixed, so
running this again writes the same bytes; ``tests/unit/test_labelled.py`` fails when the files
on disk are stale. Before writing, every labelled value is checked to occur verbatim in the
letter's text (for a scan or photo: in the part of the letter the picture shows).

    python tools/make_labelled.py            # rewrite tests/labelled/
    python tools/make_labelled.py --check    # exit 1 when the files on disk are out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "daemon"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from tests.builders import (  # noqa: E402
    PACIFIC,
    FileAttachment,
    Party,
    forward_apple_inline,
    forward_as_attachment,
    forward_gmail_inline,
    forward_outlook_inline,
    insurer_email,
    letter_in_body,
    letter_pdf,
    normalise_space,
    personal_email,
    sample_pdf,
)
from tests.builders.catalogue.labelled import LABELLED_LETTERS  # noqa: E402
from tests.builders.catalogue.labelled_common import DANIEL  # noqa: E402
from tests.builders.clients import (  # noqa: E402
    forward_thunderbird_inline,
    forward_yahoo_inline,
    html_only_email,
    patient_email,
)
from tests.builders.labels import LabelledLetter  # noqa: E402
from tests.builders.scan import photo_jpeg, scanned_pdf, scanned_png  # noqa: E402
from tests.builders.scan import render as render_letter  # noqa: E402
from tests.builders.word import letter_docx  # noqa: E402

LABELLED_DIR = REPO / "tests" / "labelled"
LABELS = "labels.toml"
MAX_EMAIL = 150_000
MAX_TOTAL = 5_000_000
"""Bytes: one email, and the whole folder."""

Document = Literal["pdf", "scan-pdf", "scan-png", "photo", "docx", "damaged-pdf", "none"]
Carrier = Literal["plan", "plan-text", "html-only", "pasted", "patient", "personal"]
Wrap = Literal[
    "auto-forward",
    "gmail",
    "outlook",
    "apple",
    "apple-mac",
    "thunderbird",
    "yahoo",
    "attachment-outlook",
    "attachment-thunderbird",
    "nested",
]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SCAN_DPI = 150
_SCAN_PAGES = 2
_PHOTO_DPI = 100


@dataclass(frozen=True)
class Recipe:
    """How one labelled letter travels to the service."""

    filename: str
    letter: str
    """Key in ``LABELLED_LETTERS``."""
    document: Document
    carrier: Carrier
    """Who wrote the email that carries it: the plan (text and HTML, or HTML only), the
    patient (pasting the letter, or attaching a scan), or a person (ordinary mail)."""
    wrap: Wrap | None
    """How the patient sent the plan's (or person's) email on; None for the patient's own."""
    sent: str
    """When the carrying email was sent, California time."""
    forwarded: str = ""
    note: str = ""
    subject: str = ""
    """The subject of the patient's own email (``pasted`` and ``patient`` carriers)."""


def _at(local_time: str) -> datetime:
    return datetime.fromisoformat(local_time).replace(tzinfo=PACIFIC)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _token(seed: str, length: int) -> str:
    number = int(_digest(seed), 16)
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[index])
    return "".join(chars)


def _message_id(style: str, seed: str, host: str = "") -> str:
    """A fixed Message-ID in the style of the client or plan that wrote the email."""
    hexed = _digest(style, seed)
    if style == "gmail":
        return f"<CA{_token(seed, 38)}@mail.example.com>"
    if style == "outlook":
        box = f"SJ0PR11MB{int(hexed[:4], 16) % 10000:04d}"
        return f"<{box}{hexed[4:30].upper()}@{box}.namprd11.prod.outlook.example.com>"
    if style in ("apple", "iphone"):
        raw = hexed[:32].upper()
        return f"<{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}@example.org>"
    if style == "thunderbird":
        raw = hexed[:32]
        return f"<{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}@example.net>"
    if style == "yahoo":
        stamp = 1770000000000 + int(hexed[13:24], 16) % 10**10
        return f"<{int(hexed[:8], 16)}.{int(hexed[8:13], 16)}.{stamp}@mail.yahoo.example.com>"
    return f"<{hexed[:12]}.{int(hexed[12:20], 16)}.{hexed[20:28].upper()}@{host}>"


def _document(recipe: Recipe, labelled: LabelledLetter) -> tuple[FileAttachment | None, str]:
    """The file the letter travels as, and the text a reader could at best get from it."""
    sample = labelled.sample
    letter = sample.letter
    printed = sample.letter_datetime or _at(recipe.sent)
    if recipe.document == "none":
        return None, labelled.text()
    if recipe.document == "damaged-pdf":
        whole = letter_pdf(
            "Dear Member,\n\nPlease read the enclosed notice carefully.",
            created=printed,
            pages=2,
        )
        return FileAttachment("Letter_0612.pdf", "application/pdf", whole[: len(whole) // 3]), ""
    if letter is None:
        raise ValueError(f"{recipe.filename}: {sample.key} has no letter to send as a file")
    if recipe.document == "pdf":
        name = sample.pdf_filename or f"{sample.key}.pdf"
        return FileAttachment(name, "application/pdf", sample_pdf(sample)), labelled.text()
    if recipe.document == "docx":
        data = letter_docx(letter, created=printed, author=sample.sender.name)
        name = sample.pdf_filename or f"{sample.key}.docx"
        return FileAttachment(name, DOCX_TYPE, data), labelled.text()
    scanned_on = _at(recipe.sent)
    stamp = f"{scanned_on:%Y-%m-%d} {scanned_on:%H%M}"
    if recipe.document == "scan-pdf":
        data = scanned_pdf(letter, created=scanned_on, dpi=_SCAN_DPI, max_pages=_SCAN_PAGES)
        shown = render_letter(letter, dpi=_SCAN_DPI, max_pages=_SCAN_PAGES).text
        return FileAttachment(f"Scan {stamp}.pdf", "application/pdf", data), shown
    if recipe.document == "scan-png":
        data = scanned_png(letter, dpi=_SCAN_DPI)
        shown = render_letter(letter, dpi=_SCAN_DPI, max_pages=1).text
        return FileAttachment(f"Scan {stamp}.png", "image/png", data), shown
    data = photo_jpeg(letter, dpi=_PHOTO_DPI)
    shown = render_letter(letter, dpi=_PHOTO_DPI, max_pages=1).text
    number = 4000 + int(_digest(recipe.filename)[:4], 16) % 5000
    return FileAttachment(f"IMG_{number}.jpg", "image/jpeg", data), shown


def _carrier(recipe: Recipe, labelled: LabelledLetter, file: FileAttachment | None) -> bytes:
    sample = labelled.sample
    moment = _at(recipe.sent)
    seed = recipe.filename
    if recipe.carrier in ("plan", "plan-text"):
        host = sample.sender.address.rpartition("@")[2]
        return insurer_email(
            sample,
            message_id=_message_id("plan", seed, host),
            date=moment,
            with_pdf=file is not None,
            pdf=file.data if file else None,
            pdf_filename=file.filename if file else None,
            pdf_content_type=file.content_type if file else "application/pdf",
            include_letter_text=recipe.carrier == "plan-text",
        )
    if recipe.carrier == "html-only":
        host = sample.sender.address.rpartition("@")[2]
        return html_only_email(
            sample,
            message_id=_message_id("plan", seed, host),
            date=moment,
            include_letter=sample.letter is not None,
        )
    if recipe.carrier == "personal":
        return personal_email(sample, message_id=_message_id("iphone", seed), date=moment)
    if recipe.carrier == "pasted":
        return letter_in_body(
            sample,
            note=recipe.note,
            subject=recipe.subject,
            message_id=_message_id("gmail", seed),
            date=moment,
        )
    if file is None:
        raise ValueError(f"{recipe.filename}: the patient's email needs a file")
    client: Literal["gmail", "iphone"] = "iphone" if file.content_type == "image/jpeg" else "gmail"
    return patient_email(
        sample.patient,
        subject=recipe.subject,
        note=recipe.note,
        attachments=(file,),
        message_id=_message_id(client, seed),
        date=moment,
        client=client,
    )


def _wrapped(recipe: Recipe, labelled: LabelledLetter, original: bytes) -> bytes:
    if recipe.wrap is None or recipe.wrap == "auto-forward":
        return original
    patient = labelled.sample.patient
    when = _at(recipe.forwarded)
    seed = recipe.filename
    note = recipe.note
    if recipe.wrap == "gmail":
        mid = _message_id("gmail", seed)
        return forward_gmail_inline(original, patient, note=note, message_id=mid, date=when)
    if recipe.wrap == "outlook":
        mid = _message_id("outlook", seed)
        return forward_outlook_inline(original, patient, note=note, message_id=mid, date=when)
    if recipe.wrap in ("apple", "apple-mac"):
        device: Literal["iphone", "mac"] = "mac" if recipe.wrap == "apple-mac" else "iphone"
        mid = _message_id("apple", seed)
        return forward_apple_inline(
            original, patient, note=note, message_id=mid, date=when, device=device
        )
    if recipe.wrap == "thunderbird":
        mid = _message_id("thunderbird", seed)
        return forward_thunderbird_inline(original, patient, note=note, message_id=mid, date=when)
    if recipe.wrap == "yahoo":
        mid = _message_id("yahoo", seed)
        return forward_yahoo_inline(original, patient, note=note, message_id=mid, date=when)
    if recipe.wrap in ("attachment-outlook", "attachment-thunderbird"):
        client: Literal["outlook", "thunderbird"] = (
            "outlook" if recipe.wrap == "attachment-outlook" else "thunderbird"
        )
        return forward_as_attachment(
            original,
            patient,
            note=note,
            message_id=_message_id(client, seed),
            date=when,
            client=client,
        )
    # nested: the plan wrote to the subscriber, who forwarded it to the patient, who sends it on.
    relay = _relay(labelled)
    first = forward_gmail_inline(
        original,
        relay,
        note="Forwarding this for you, it came to my email because I'm the subscriber.",
        message_id=_message_id("gmail", seed, "relay"),
        date=_at(recipe.sent).replace(hour=21, minute=3, second=44),
        to=patient,
    )
    mid = _message_id("outlook", seed)
    return forward_outlook_inline(first, patient, note=note, message_id=mid, date=when)


def _relay(labelled: LabelledLetter) -> Party:
    if labelled.key != "uhc_self_funded_exclusion":
        raise ValueError(f"no relay is set for {labelled.key}")
    return DANIEL


def _recipe_to_original(recipe: Recipe, labelled: LabelledLetter) -> bytes:
    """The plan's email as the subscriber got it (nested forwards start with the relay)."""
    if recipe.wrap != "nested":
        return _carrier(recipe, labelled, _document(recipe, labelled)[0])
    file, _ = _document(recipe, labelled)
    host = labelled.sample.sender.address.rpartition("@")[2]
    return insurer_email(
        labelled.sample,
        message_id=_message_id("plan", recipe.filename, host),
        date=_at(recipe.sent),
        to=_relay(labelled),
        pdf=file.data if file else None,
        pdf_filename=file.filename if file else None,
    )


RECIPES: tuple[Recipe, ...] = (
    # --- denials --------------------------------------------------------------------------
    Recipe(
        "01-kaiser-spine-denial-thunderbird-inline.eml",
        "kaiser_medical_necessity",
        "pdf",
        "plan",
        "thunderbird",
        sent="2026-03-11 16:07:12",
        forwarded="2026-03-12 07:41:30",
        note="Hello,\n\nKaiser denied my back surgery. The letter is attached. What can I do?\n\n"
        "Teresa Almonte",
    ),
    Recipe(
        "02-blue-shield-proton-yahoo-inline.eml",
        "blue_shield_experimental",
        "pdf",
        "plan",
        "yahoo",
        sent="2026-04-02 10:15:44",
        forwarded="2026-04-02 18:20:05",
        note="They say proton therapy is investigational. My oncologist disagrees. Help?",
    ),
    Recipe(
        "03-anthem-sleep-study-auto-forward.eml",
        "anthem_ppo_cdi",
        "pdf",
        "plan",
        "auto-forward",
        sent="2026-04-15 11:42:09",
    ),
    Recipe(
        "04-la-care-wheelchair-outlook-attachment.eml",
        "la_care_medi_cal_noa",
        "pdf",
        "plan",
        "attachment-outlook",
        sent="2026-04-28 05:10:00",
        forwarded="2026-04-29 12:33:51",
        note="See attached. They denied my wheelchair.",
    ),
    Recipe(
        "05-health-net-snf-urgent-gmail-inline.eml",
        "health_net_expedited",
        "pdf",
        "plan",
        "gmail",
        sent="2026-05-19 17:26:11",
        forwarded="2026-05-19 18:02:40",
        note="URGENT: they want to discharge me Thursday and Health Net denied the nursing "
        "facility. Please help.\n\nEleanor",
    ),
    Recipe(
        "06-scan-irf-medicare-apple-mac.eml",
        "scan_medicare_advantage",
        "pdf",
        "plan",
        "apple-mac",
        sent="2026-06-03 09:12:30",
        forwarded="2026-06-04 10:05:12",
        note="My father's rehab was denied. Forwarding the notice.",
    ),
    Recipe(
        "07-aetna-bariatric-erisa-outlook-inline.eml",
        "aetna_erisa_self_funded",
        "pdf",
        "plan",
        "outlook",
        sent="2026-06-11 08:30:00",
        forwarded="2026-06-12 13:14:15",
        note="Hi, my surgery was denied by Aetna through my work plan. Letter attached.",
    ),
    Recipe(
        "08-sharp-er-claim-pasted.eml",
        "sharp_emergency_payment",
        "none",
        "pasted",
        None,
        sent="2026-02-26 20:45:09",
        subject="Sharp won't pay for my ER visit",
        note="I copied the letter below from the Sharp website.",
    ),
    Recipe(
        "09-molina-dupixent-thunderbird-attachment.eml",
        "molina_step_therapy",
        "pdf",
        "plan",
        "attachment-thunderbird",
        sent="2026-07-02 13:37:00",
        forwarded="2026-07-03 09:00:21",
        note="Forwarding the email from Molina about my Dupixent.",
    ),
    Recipe(
        "10-iehp-knee-mri-es-gmail-inline.eml",
        "iehp_spanish_noa",
        "pdf",
        "plan",
        "gmail",
        sent="2026-04-17 05:45:00",
        forwarded="2026-04-18 19:22:10",
        note="Hola, me negaron la resonancia de la rodilla. ¿Me pueden ayudar con la "
        "apelación?\n\nJosé Luis",
    ),
    Recipe(
        "11-workers-comp-mri-scanned-pdf.eml",
        "workers_comp_review",
        "scan-pdf",
        "patient",
        None,
        sent="2026-05-11 17:02:45",
        subject="Letter about my back MRI",
        note="I scanned the letter I got in the mail about my MRI. It's from the workers comp "
        "company.",
    ),
    Recipe(
        "12-sutter-eyelid-exclusion-outlook-inline.eml",
        "sutter_cosmetic_exclusion",
        "pdf",
        "plan",
        "outlook",
        sent="2026-03-09 06:40:00",
        forwarded="2026-03-10 08:15:02",
        note="They say my eyelid surgery is cosmetic. I can barely see when I drive.",
    ),
    Recipe(
        "13-cigna-mri-prior-auth-html-only.eml",
        "cigna_prior_authorization",
        "none",
        "html-only",
        "auto-forward",
        sent="2026-04-22 14:03:00",
    ),
    Recipe(
        "14-health-net-ozempic-es-gmail-inline.eml",
        "health_net_quantity_limit_es",
        "pdf",
        "plan",
        "gmail",
        sent="2026-06-09 11:20:00",
        forwarded="2026-06-10 20:11:43",
        note="Buenas noches, Health Net no quiere cubrir mi medicina completa. Les reenvío la "
        "carta.\n\nGuadalupe Reyes",
    ),
    Recipe(
        "15-la-care-stem-cell-es-photo.eml",
        "la_care_experimental_es",
        "photo",
        "patient",
        None,
        sent="2026-07-06 12:18:33",
        subject="Carta de L.A. Care",
        note="Les mando foto de la carta que me llegó. Gracias.",
    ),
    Recipe(
        "16-anthem-ambulance-thunderbird-attachment.eml",
        "anthem_ambulance",
        "pdf",
        "plan",
        "attachment-thunderbird",
        sent="2026-04-14 09:55:10",
        forwarded="2026-04-15 07:30:00",
        note="Anthem won't pay for the ambulance. I was having chest pain.",
    ),
    Recipe(
        "17-cigna-genetic-test-apple-inline.eml",
        "cigna_no_regulator",
        "pdf",
        "plan",
        "apple",
        sent="2026-05-27 15:45:00",
        forwarded="2026-05-28 08:09:10",
        note="Cigna denied my genetic test. My mom and aunt both had breast cancer.",
    ),
    Recipe(
        "18-alignment-jardiance-part-d-pasted.eml",
        "alignment_part_d",
        "none",
        "pasted",
        None,
        sent="2026-08-05 10:02:00",
        subject="Medicare drug denied",
        note="Here is the notice from my plan's website.",
    ),
    Recipe(
        "19-uhc-ivf-erisa-nested-forward.eml",
        "uhc_self_funded_exclusion",
        "pdf",
        "plan",
        "nested",
        sent="2026-03-18 08:00:00",
        forwarded="2026-03-19 22:14:05",
        note="My husband forwarded this to me. Is there anything we can do?",
    ),
    Recipe(
        "20-redwood-cardiac-rehab-docx-outlook.eml",
        "redwood_medical_group_docx",
        "docx",
        "plan",
        "outlook",
        sent="2026-06-16 15:30:00",
        forwarded="2026-06-17 09:45:00",
        note="The medical group emailed me this Word file. Cardiac rehab denied.",
    ),
    Recipe(
        "21-health-net-pt-modification-auto-forward.eml",
        "health_net_partial_approval",
        "pdf",
        "plan",
        "auto-forward",
        sent="2026-08-25 06:05:00",
    ),
    Recipe(
        "22-molina-oxygen-urgent-es-pasted.eml",
        "molina_urgent_es",
        "none",
        "pasted",
        None,
        sent="2026-09-15 21:40:00",
        subject="Urgente - oxígeno para mi mamá",
        note="Es urgente, mi mamá necesita el oxígeno. Copié el aviso aquí abajo.",
    ),
    # --- grievance decisions, acknowledgements, reversals ---------------------------------
    Recipe(
        "23-kaiser-grievance-upheld-apple-inline.eml",
        "kaiser_grievance_upheld",
        "pdf",
        "plan",
        "apple",
        sent="2026-04-17 10:00:00",
        forwarded="2026-04-17 19:30:00",
        note="They said no again. What now?",
    ),
    Recipe(
        "24-blue-shield-grievance-partial-outlook.eml",
        "blue_shield_grievance_partial",
        "pdf",
        "plan",
        "outlook",
        sent="2026-06-02 11:11:11",
        forwarded="2026-06-03 08:08:08",
    ),
    Recipe(
        "25-iehp-appeal-resolution-es-gmail.eml",
        "iehp_appeal_resolution_es",
        "pdf",
        "plan",
        "gmail",
        sent="2026-06-02 05:30:00",
        forwarded="2026-06-03 18:45:00",
        note="Otra vez me negaron. ¿Qué sigue?",
    ),
    Recipe(
        "26-anthem-appeal-upheld-scanned-pdf.eml",
        "anthem_appeal_upheld",
        "scan-pdf",
        "patient",
        None,
        sent="2026-05-26 19:02:00",
        subject="Anthem appeal letter (scan)",
        note="Scanned the appeal decision letter that came in the mail.",
    ),
    Recipe(
        "27-aetna-final-appeal-pasted.eml",
        "aetna_final_appeal",
        "none",
        "pasted",
        None,
        sent="2026-08-15 12:00:00",
        subject="Aetna final appeal denied",
        note="Copying the final appeal letter below.",
    ),
    Recipe(
        "28-scan-reconsideration-outlook-attachment.eml",
        "scan_reconsideration",
        "pdf",
        "plan",
        "attachment-outlook",
        sent="2026-07-07 09:00:00",
        forwarded="2026-07-08 14:20:00",
    ),
    Recipe(
        "29-kaiser-grievance-ack-html-only.eml",
        "kaiser_grievance_acknowledgement",
        "none",
        "html-only",
        "gmail",
        sent="2026-03-23 08:15:00",
        forwarded="2026-03-23 12:01:00",
        note="FYI, they got my grievance.",
    ),
    Recipe(
        "30-health-net-grievance-ack-es-gmail.eml",
        "health_net_grievance_acknowledgement_es",
        "pdf",
        "plan",
        "gmail",
        sent="2026-06-18 10:10:00",
        forwarded="2026-06-18 21:00:00",
    ),
    Recipe(
        "31-molina-expedited-ack-auto-forward.eml",
        "molina_expedited_acknowledgement",
        "pdf",
        "plan",
        "auto-forward",
        sent="2026-07-08 10:02:00",
    ),
    Recipe(
        "32-health-net-approval-gmail-inline.eml",
        "health_net_approval",
        "pdf",
        "plan",
        "gmail",
        sent="2026-03-02 06:20:00",
        forwarded="2026-03-02 09:10:00",
        note="Is this good news?",
    ),
    Recipe(
        "33-sharp-grievance-reversal-outlook.eml",
        "sharp_grievance_reversal",
        "pdf",
        "plan",
        "outlook",
        sent="2026-04-03 13:00:00",
        forwarded="2026-04-03 17:30:00",
        note="They reversed it! Thank you.",
    ),
    Recipe(
        "34-la-care-appeal-overturned-yahoo.eml",
        "la_care_appeal_overturned",
        "pdf",
        "plan",
        "yahoo",
        sent="2026-06-05 04:50:00",
        forwarded="2026-06-05 16:16:16",
    ),
    # --- explanations of benefits ---------------------------------------------------------
    Recipe(
        "35-anthem-eob-manual-therapy-auto-forward.eml",
        "anthem_eob_medical_necessity",
        "pdf",
        "plan",
        "auto-forward",
        sent="2026-03-30 07:07:07",
    ),
    Recipe(
        "36-blue-shield-eob-no-auth-outlook.eml",
        "blue_shield_eob_no_authorization",
        "pdf",
        "plan",
        "outlook",
        sent="2026-05-15 08:40:00",
        forwarded="2026-05-16 10:00:00",
        note="Why did they deny my CT scan?",
    ),
    Recipe(
        "37-cigna-eob-timely-filing-scanned-png.eml",
        "cigna_eob_timely_filing",
        "scan-png",
        "patient",
        None,
        sent="2026-07-03 18:30:00",
        subject="EOB",
        note="Got this EOB in the mail, scanned it with my phone.",
    ),
    Recipe(
        "38-kaiser-eob-all-paid-gmail.eml",
        "kaiser_eob_all_paid",
        "pdf",
        "plan",
        "gmail",
        sent="2026-04-09 05:00:00",
        forwarded="2026-04-10 11:00:00",
        note="Do I need to do anything about this?",
    ),
    # --- the DMHC -------------------------------------------------------------------------
    Recipe(
        "39-dmhc-imr-received-gmail.eml",
        "dmhc_application_received",
        "pdf",
        "plan",
        "gmail",
        sent="2026-04-24 14:00:00",
        forwarded="2026-04-24 20:00:00",
    ),
    Recipe(
        "40-dmhc-imr-received-es-apple.eml",
        "dmhc_application_received_es",
        "none",
        "plan",
        "apple",
        sent="2026-07-01 09:30:00",
        forwarded="2026-07-01 13:45:00",
    ),
    Recipe(
        "41-dmhc-imr-overturned-outlook.eml",
        "dmhc_decision_overturned",
        "pdf",
        "plan",
        "outlook",
        sent="2026-05-26 16:00:00",
        forwarded="2026-05-26 18:30:00",
        note="We won!!",
    ),
    Recipe(
        "42-dmhc-imr-upheld-scanned-pdf.eml",
        "dmhc_decision_upheld",
        "scan-pdf",
        "patient",
        None,
        sent="2026-06-23 10:10:10",
        subject="DMHC decision",
        note="Scan of the DMHC decision attached.",
    ),
    Recipe(
        "43-dmhc-missing-form-html-only.eml",
        "dmhc_missing_form",
        "none",
        "html-only",
        "auto-forward",
        sent="2026-05-29 11:45:00",
    ),
    Recipe(
        "44-dmhc-standard-complaint-outlook-attachment.eml",
        "dmhc_standard_complaint",
        "pdf",
        "plan",
        "attachment-outlook",
        sent="2026-04-20 15:15:00",
        forwarded="2026-04-21 09:09:09",
    ),
    # --- portal notices and unrelated mail ------------------------------------------------
    Recipe(
        "45-anthem-portal-notice-gmail.eml",
        "anthem_portal_notice",
        "none",
        "plan",
        "gmail",
        sent="2026-05-05 06:00:00",
        forwarded="2026-05-05 08:30:00",
        note="Anthem says I have a new letter but I can't log in.",
    ),
    Recipe(
        "46-iehp-portal-notice-es-auto-forward.eml",
        "iehp_portal_notice_es",
        "none",
        "plan",
        "auto-forward",
        sent="2026-05-29 07:15:00",
    ),
    Recipe(
        "47-blue-shield-portal-notice-html-only.eml",
        "blue_shield_portal_notice",
        "none",
        "html-only",
        "auto-forward",
        sent="2026-05-15 08:41:00",
    ),
    Recipe(
        "48-kaiser-newsletter-outlook-inline.eml",
        "kaiser_newsletter",
        "none",
        "plan",
        "outlook",
        sent="2026-05-06 07:00:03",
        forwarded="2026-05-07 18:22:46",
        note="Not sure if this matters.",
    ),
    Recipe(
        "49-sister-email-gmail-forward.eml",
        "personal_email",
        "none",
        "personal",
        "gmail",
        sent="2026-03-13 17:25:00",
        forwarded="2026-03-13 17:40:00",
    ),
    Recipe(
        "50-hospital-bill-auto-forward.eml",
        "hospital_bill",
        "pdf",
        "plan",
        "auto-forward",
        sent="2026-09-02 09:00:00",
    ),
    Recipe(
        "51-patient-appeal-draft-docx.eml",
        "patient_appeal_draft",
        "docx",
        "patient",
        None,
        sent="2026-03-16 21:05:00",
        subject="Can you check my appeal letter?",
        note="I wrote my appeal. Could you check it before I send it to Sutter?",
    ),
    Recipe(
        "52-brother-email-es-auto-forward.eml",
        "family_email_es",
        "none",
        "personal",
        "auto-forward",
        sent="2026-09-16 08:12:00",
    ),
    Recipe(
        "53-cigna-damaged-pdf-gmail.eml",
        "damaged_attachment",
        "damaged-pdf",
        "plan",
        "gmail",
        sent="2026-06-12 10:00:00",
        forwarded="2026-06-12 12:00:00",
        note="I can't open this attachment, can you?",
    ),
)


@dataclass(frozen=True)
class Built:
    recipe: Recipe
    labelled: LabelledLetter
    raw: bytes
    scanned: bool
    delivery: tuple[str, ...]


_DOCUMENT_WORDS: dict[str, str] = {
    "pdf": "pdf-attachment",
    "scan-pdf": "scanned-pdf",
    "scan-png": "scanned-png",
    "photo": "photo-jpeg",
    "docx": "docx-attachment",
    "damaged-pdf": "damaged-pdf",
}
_CARRIER_WORDS: dict[str, str] = {
    "plan-text": "letter-in-body",
    "pasted": "letter-pasted-in-body",
    "html-only": "html-only",
    "patient": "patients-own-email",
    "personal": "personal-email",
}


def _delivery(recipe: Recipe) -> tuple[str, ...]:
    words = []
    if recipe.document in _DOCUMENT_WORDS:
        words.append(_DOCUMENT_WORDS[recipe.document])
    if recipe.carrier in _CARRIER_WORDS:
        words.append(_CARRIER_WORDS[recipe.carrier])
    if recipe.carrier == "html-only" and LABELLED_LETTERS[recipe.letter].sample.letter:
        words.append("letter-in-html")
    if recipe.wrap == "nested":
        words += ["nested-forward", "gmail-inline", "outlook-inline"]
    elif recipe.wrap in ("attachment-outlook", "attachment-thunderbird"):
        words += ["forward-as-attachment", f"{recipe.wrap.removeprefix('attachment-')}-attachment"]
    elif recipe.wrap in ("apple", "apple-mac"):
        words.append("apple-inline")
    elif recipe.wrap == "auto-forward":
        words.append("auto-forward")
    elif recipe.wrap is not None:
        words.append(f"{recipe.wrap}-inline")
    if recipe.note:
        words.append("note")
    return tuple(words)


def build(recipe: Recipe) -> Built:
    labelled = LABELLED_LETTERS[recipe.letter]
    _, shown = _document(recipe, labelled)
    original = _recipe_to_original(recipe, labelled)
    raw = _wrapped(recipe, labelled, original)
    text = normalise_space(shown)
    for value in labelled.expected.verbatim():
        if normalise_space(value) not in text:
            raise AssertionError(f"{recipe.filename}: {value!r} is not in the letter it carries")
    if len(raw) > MAX_EMAIL:
        raise ValueError(f"{recipe.filename} is {len(raw)} bytes, over {MAX_EMAIL}")
    scanned = recipe.document in ("scan-pdf", "scan-png", "photo")
    return Built(recipe, labelled, raw, scanned, _delivery(recipe))


def build_all() -> list[Built]:
    built = [build(recipe) for recipe in RECIPES]
    names = [b.recipe.filename for b in built]
    if len(set(names)) != len(names):
        raise AssertionError("duplicate file names")
    total = sum(len(b.raw) for b in built)
    if total > MAX_TOTAL:
        raise ValueError(f"the labelled corpus is {total} bytes, over {MAX_TOTAL}")
    return built


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


_HEADER = """\
# The labelled corpus: what `denialwatch eval tests/labelled` measures the reader against.
# Written by tools/make_labelled.py from tests/builders/ (catalogue/labelled.py): do not edit.
# Every person, number and date is invented; the regulators' numbers are the real ones.
#
# One [[email]] per file:
#   file         the .eml file beside this one
#   kind         the document kind (denialwatch.domain.model.DocumentKind) the email carries
#   letter       the catalogue key of the letter (tests.builders.catalogue.labelled)
#   description, language ("en"/"es"), scanned (the letter is a picture: only OCR reads it),
#   delivery     how it travels: the file (pdf-attachment, scanned-pdf, scanned-png,
#                photo-jpeg, docx-attachment, damaged-pdf), the email (html-only,
#                letter-pasted-in-body, letter-in-html, patients-own-email, personal-email),
#                the forward (gmail/outlook/apple/thunderbird/yahoo-inline,
#                forward-as-attachment, nested-forward, auto-forward) and "note" when the
#                patient wrote something on top.
# [email.fields] every field the letter prints, as the reader should report it; a field
#   that is absent must not be reported. Values: dates as TOML dates; route, category and
#   decision as denialwatch's enum values; urgent true only for a case handled as urgent
#   (false reads as "not reported"); route "unknown" for a letter that names no regulator
#   (the reader must not guess one); codes as "SYSTEM CODE"; criteria as printed.
# [email.printed] the words of the letter that show a value which is not itself its text
#   (a date, route, category, urgency or decision).
"""


def render_labels(built: Sequence[Built]) -> str:
    lines = [_HEADER.rstrip("\n")]
    for item in built:
        expected = item.labelled.expected
        sample = item.labelled.sample
        lines += [
            "",
            "[[email]]",
            f"file = {_toml_value(item.recipe.filename)}",
            f"kind = {_toml_value(expected.kind.value)}",
            f"letter = {_toml_value(sample.key)}",
            f"description = {_toml_value(sample.description)}",
            f"language = {_toml_value(sample.language)}",
            f"scanned = {_toml_value(item.scanned)}",
            f"delivery = {_toml_value(item.delivery)}",
        ]
        values = expected.values()
        values.pop("kind")
        if values:
            lines += ["", "[email.fields]"]
            for name, value in values.items():
                plain = value.value if hasattr(value, "value") else value
                lines.append(f"{name} = {_toml_value(plain)}")
        if expected.printed:
            lines += ["", "[email.printed]"]
            lines += [f"{name} = {_toml_value(words)}" for name, words in expected.printed]
    return "\n".join(lines) + "\n"


def render() -> dict[str, bytes]:
    """Every generated file of the labelled folder, by name."""
    built = build_all()
    files = {item.recipe.filename: item.raw for item in built}
    files[LABELS] = render_labels(built).encode()
    return files


def composition(built: Sequence[Built]) -> dict[str, Counter[str]]:
    """Counts per kind, route, category, language, scanned and delivery (for the report)."""
    counts: dict[str, Counter[str]] = {
        key: Counter() for key in ("kind", "route", "category", "language", "scanned", "delivery")
    }
    for item in built:
        expected = item.labelled.expected
        counts["kind"][expected.kind.value] += 1
        if expected.route is not None:
            counts["route"][expected.route.value] += 1
        if expected.category is not None:
            counts["category"][expected.category.value] += 1
        counts["language"][item.labelled.sample.language] += 1
        counts["scanned"]["scanned" if item.scanned else "text"] += 1
        counts["delivery"].update(item.delivery)
    return counts


def write(out_dir: Path) -> list[Path]:
    """Write the corpus to ``out_dir``, removing .eml files that are no longer produced."""
    files = render()
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.eml"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name, data in files.items():
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


def stale_files(out_dir: Path) -> list[str]:
    """Names of generated files in ``out_dir`` that differ from what ``render`` produces."""
    files = render()
    on_disk = {p.name for p in out_dir.glob("*.eml")}
    differing = [
        name
        for name, data in files.items()
        if not (out_dir / name).exists() or (out_dir / name).read_bytes() != data
    ]
    return sorted(set(differing) | (on_disk - set(files)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=LABELLED_DIR, help="directory to write (default: %(default)s)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the directory is stale"
    )
    parser.add_argument(
        "--summary", action="store_true", help="print the corpus composition and exit"
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    if args.summary:
        for key, counter in composition(build_all()).items():
            print(f"{key}: " + ", ".join(f"{name} {n}" for name, n in sorted(counter.items())))
        return 0
    if args.check:
        stale = stale_files(out_dir)
        for name in stale:
            print(f"stale: {out_dir / name}")
        return 1 if stale else 0
    for path in write(out_dir):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

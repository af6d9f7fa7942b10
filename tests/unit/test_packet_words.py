"""What the packet's cover and mailing sheet say, per route and language."""

from __future__ import annotations

import pytest

from denialwatch.domain.model import Route
from denialwatch.domain.packet import Contact, words

CONTACT = Contact(website="www.HealthHelp.ca.gov", fax="916-255-5241", phone="1-888-466-2219")


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_dmhc_packet_lists_the_form_copies_and_proof_of_delivery(language: str) -> None:
    said = words(language, route=Route.DMHC, contact=CONTACT, final=True, has_copies=True)
    checklist = " ".join(said.checklist)
    assert "www.HealthHelp.ca.gov" in checklist
    assert ("Authorized Assistant Form" if language == "en" else "Asistente Autorizado") in (
        checklist
    )
    assert ("Certified Mail" if language == "en" else "correo certificado") in checklist
    assert ("not originals" if language == "en" else "no originales") in checklist
    mailing = " ".join(said.mailing_lines)
    assert "916-255-5241" in mailing
    assert "1-888-466-2219" in mailing


def test_the_spanish_packet_is_spanish_throughout() -> None:
    en = words("en", route=Route.DMHC, contact=CONTACT, final=False, has_copies=False)
    es = words("es", route=Route.DMHC, contact=CONTACT, final=False, has_copies=False)
    for english, spanish in zip(
        (en.cover_title, *en.checklist, *en.note, en.mailing_title, *en.mailing_lines),
        (es.cover_title, *es.checklist, *es.note, es.mailing_title, *es.mailing_lines),
        strict=True,
    ):
        assert english != spanish


def test_a_draft_says_not_to_mail_it_and_a_final_says_it_is_final() -> None:
    draft = words("en", route=Route.DMHC, contact=CONTACT, final=False, has_copies=True)
    final = words("en", route=Route.DMHC, contact=CONTACT, final=True, has_copies=True)
    assert "Do not mail it" in draft.note[0]
    assert "final packet" in final.note[0]


def test_missing_copies_are_named_on_the_cover() -> None:
    said = words("en", route=Route.DMHC, contact=CONTACT, final=True, has_copies=False)
    assert any("no file of the plan's letters" in line for line in said.note)


def test_a_cdi_packet_sends_to_the_department_of_insurance_not_the_dmhc() -> None:
    said = words("en", route=Route.CDI, contact=CONTACT, final=True, has_copies=True)
    text = " ".join((*said.checklist, *said.mailing_lines))
    assert "Department of Insurance" in text
    assert "HealthHelp" not in text
    assert "916-255-5241" not in text

"""``LABELLED_LETTERS``: every letter of the labelled corpus (``tests/labelled/``) with its
answer key. The demo catalogue's fourteen letters come first, labelled here without changing
them (``SAMPLE_LETTERS`` and the demo samples stay as they are); the letters written for the
corpus follow, one module per family: ``labelled_denials``, ``labelled_appeals``,
``labelled_dmhc`` and ``labelled_other``.

The demo catalogue calls an approval, a portal notice and a newsletter all ``NOT_DENIAL``;
the answer keys use the finer ``DocumentKind`` of today (``APPROVAL``, ``PORTAL_NOTICE``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from denialwatch.domain.model import DocumentKind, Route

from ..labels import Expected, LabelledLetter
from ..model import Facts
from ..people import (
    AETNA,
    ANTHEM,
    HEALTH_NET,
    IEHP,
    KAISER,
    LA_CARE,
    MOLINA,
    SCAN,
    SHARP,
)
from . import SAMPLE_LETTERS
from .labelled_appeals import APPEAL_LETTERS
from .labelled_denials import DENIAL_LETTERS
from .labelled_dmhc import DMHC_LETTERS
from .labelled_other import OTHER_LETTERS


def _from_facts(facts: Facts, more: dict[str, Any]) -> Expected:
    """An answer key from a demo letter's ``Facts`` and ``more`` fields they do not hold."""
    printed = [
        ("category", facts.category_quote),
        ("route", facts.route_quote),
        ("letter_date", facts.letter_date_text),
    ]
    if facts.urgent_quote:
        printed.append(("urgent", facts.urgent_quote))
    extra = dict(more)
    printed += extra.pop("printed", ())
    return replace(
        Expected(
            kind=DocumentKind.DENIAL,
            insurer=facts.insurer,
            route=facts.route,
            category=facts.category,
            urgent=facts.urgent,
            member_id=facts.member_id,
            reference_number=facts.reference_number,
            letter_date=facts.letter_date,
            service=facts.service,
            printed=tuple(printed),
        ),
        **extra,
    )


def _demo_letters() -> list[LabelledLetter]:
    """The demo catalogue's letters with their answer keys (fields read from their text)."""
    keys: dict[str, dict[str, Any]] = {
        "kaiser_medical_necessity": {
            "criteria": ("InterQual 2026 Procedures criteria, Spine Surgery: Lumbar Fusion",),
            "appeal_phone": KAISER.phone,
        },
        "blue_shield_experimental": {
            "plan_type": "HMO",
            "codes": ("CPT 77523",),
            "criteria": (
                "Blue Shield of California Medical Policy 8.01.10, Charged-Particle (Proton) "
                "Radiotherapy",
            ),
            "appeal_phone": "1-888-555-0121",
        },
        "anthem_ppo_cdi": {
            "plan_type": "PPO",
            "codes": ("CPT 95810",),
            "criteria": ("MCG Ambulatory Care guideline Polysomnography, Attended (A-0145)",),
            "appeal_phone": ANTHEM.phone,
        },
        "la_care_medi_cal_noa": {
            "plan_type": "Medi-Cal",
            # The letter's decision rests on the Medi-Cal medical-necessity regulation too.
            "criteria": (
                "Title 22, California Code of Regulations, Section 51303",
                "Medi-Cal Provider Manual section on Durable Medical Equipment",
            ),
            "appeal_phone": LA_CARE.phone,
        },
        "health_net_expedited": {
            "criteria": ("MCG Care Guidelines, Skilled Nursing Facility Admission",),
            "appeal_phone": HEALTH_NET.phone,
            "appeal_fax": "1-800-555-0140",
        },
        "scan_medicare_advantage": {
            "plan_type": "Medicare Advantage",
            "criteria": ("Medicare Benefit Policy Manual, Chapter 1, Section 110",),
            "appeal_phone": SCAN.phone,
        },
        "aetna_erisa_self_funded": {
            "plan_type": "self-funded",  # "The Plan is self-funded"
            "group_number": "0873021",
            "criteria": ("Aetna Clinical Policy Bulletin 0157, Obesity Surgery",),
            "appeal_phone": AETNA.phone,
        },
        "sharp_emergency_payment": {
            "service_date": date(2026, 2, 2),
            "appeal_phone": SHARP.phone,
            "printed": (("service_date", "February 2, 2026"),),
        },
        "molina_step_therapy": {
            "plan_type": "Covered California",  # "Marketplace (Covered California)"
            "appeal_phone": MOLINA.phone,
        },
        "iehp_spanish_noa": {
            "plan_type": "Medi-Cal",
            "criteria": (
                "Título 22 del Código de Reglamentos de California, Sección 51303",
                "pautas clínicas de MCG para la resonancia magnética de la rodilla",
            ),
            "appeal_phone": IEHP.phone,
        },
    }
    found: list[LabelledLetter] = []
    for key, more in keys.items():
        sample = SAMPLE_LETTERS[key]
        assert sample.facts is not None
        found.append(LabelledLetter(sample, _from_facts(sample.facts, more)))
    found += [
        LabelledLetter(
            SAMPLE_LETTERS["health_net_approval"],
            Expected(
                kind=DocumentKind.APPROVAL,
                insurer="Health Net",
                route=Route.DMHC,
                urgent=False,
                member_id="R77301845",
                reference_number="HN-26-0302-ST1187",
                letter_date=date(2026, 3, 2),
                service="Outpatient physical therapy, 12 visits",
                appeal_phone=HEALTH_NET.phone,
                printed=(
                    ("route", "responsible for regulating health care service plans"),
                    ("letter_date", "March 2, 2026"),
                ),
            ),
        ),
        LabelledLetter(
            SAMPLE_LETTERS["anthem_portal_notice"],
            Expected(kind=DocumentKind.PORTAL_NOTICE, insurer="Anthem Blue Cross"),
        ),
        LabelledLetter(SAMPLE_LETTERS["kaiser_newsletter"], Expected(DocumentKind.NOT_DENIAL)),
        LabelledLetter(SAMPLE_LETTERS["personal_email"], Expected(DocumentKind.NOT_DENIAL)),
    ]
    return found


def _catalogue() -> dict[str, LabelledLetter]:
    letters = _demo_letters()
    for family in (DENIAL_LETTERS, APPEAL_LETTERS, DMHC_LETTERS, OTHER_LETTERS):
        letters += [make() for make in family]
    catalogue = {letter.key: letter for letter in letters}
    if len(catalogue) != len(letters):
        raise AssertionError("duplicate labelled letter keys")
    return catalogue


LABELLED_LETTERS: Mapping[str, LabelledLetter] = _catalogue()
"""Every labelled letter by key: the demo catalogue's, then the corpus's own."""

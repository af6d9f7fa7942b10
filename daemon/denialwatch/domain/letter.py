"""Drafting the IMR supporting letter (DOMAIN.md, "What the supporting letter should be").

The draft states the facts the reader found, answers each reason the plan gave point by
point with the plan's own words beside the answer, and marks everything only the patient or
their doctor can supply as a visible placeholder ``[[LIKE THIS: with a hint]]``. The letter
supports the DMHC IMR/Complaint form (DMHC 20-224); it never replaces it, and it is never
sent anywhere without the patient's review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from denialwatch.domain.case import CaseSummary, imr_letter_applies
from denialwatch.domain.model import Category, Route
from denialwatch.rendering import render

PLACEHOLDER = re.compile(r"\[\[[^\[\]]+\]\]")


@dataclass(frozen=True)
class Addressee:
    lines: tuple[str, ...]
    program: str


def addressee(route: Route, dmhc_mailing_address: str) -> Addressee:
    """Where the IMR application goes: DMHC for Knox-Keene plans, CDI for insurance policies."""
    if route is Route.CDI:
        # INS 10169: CDI runs its own IMR. Its mailing address is not confirmed on a CDI page
        # (research file 4), so the draft asks the patient to copy it from the insurer's form.
        return Addressee(
            lines=(
                "California Department of Insurance",
                "Health Claims Bureau, Independent Medical Review",
                "[[CDI ADDRESS: copy it from the IMR application your insurer sent with the "
                "denial, or call CDI at 1-800-927-4357]]",
            ),
            program="the California Department of Insurance's Independent Medical Review",
        )
    parts = [part.strip() for part in dmhc_mailing_address.split(",")]
    # "Help Center, Department of Managed Health Care, 980 Ninth Street, Suite 500, Sacramento,
    # CA 95814-2725" reads best as name, street, city lines.
    lines = ("IMR Unit", *_address_lines(parts))
    return Addressee(lines=lines, program="an Independent Medical Review")


def _address_lines(parts: list[str]) -> tuple[str, ...]:
    if len(parts) >= 5:
        *names, street, suite, city, state_zip = parts
        return (*names, f"{street}, {suite}", f"{city}, {state_zip}")
    return tuple(parts)


def draft_letter(summary: CaseSummary, *, dmhc_mailing_address: str) -> str | None:
    """The Markdown draft, or None where no California IMR exists for the route."""
    if not imr_letter_applies(summary.route):
        return None
    context = {
        "s": summary,
        "to": addressee(summary.route, dmhc_mailing_address),
        "category": summary.category.value,
        "experimental": summary.category is Category.EXPERIMENTAL,
        "emergency": summary.category is Category.EMERGENCY_PAYMENT,
        "coverage": summary.category in (Category.NOT_COVERED, Category.ADMINISTRATIVE),
        "medi_cal": summary.route is Route.MEDI_CAL,
    }
    return render("letter_imr.md.j2", context)


def placeholders(text: str) -> list[str]:
    """Every placeholder still in ``text``, in order (approval is refused while any remain)."""
    return PLACEHOLDER.findall(text)

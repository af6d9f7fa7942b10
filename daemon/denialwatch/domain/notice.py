"""What the patient is told, as subject, plain text and HTML (pure: values in, text out).

Plain language for a worried reader: the case number first, what was understood (with the
plan's own words for why), what could not be found, the one next step, and where free help
is. The wording of each path lives in the templates; this module picks the facts to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary, next_step, open_questions
from denialwatch.domain.model import Category, Route
from denialwatch.rendering import long_date, render

ROUTE_WORDS = {
    Route.DMHC: "the California Department of Managed Health Care (DMHC)",
    Route.CDI: "the California Department of Insurance (CDI)",
    Route.MEDI_CAL: "Medi-Cal managed care (the DMHC and the State Hearing system)",
    Route.MEDICARE: "Medicare (federal)",
    Route.ERISA: "a self-funded employer plan (federal ERISA law)",
    Route.WORKERS_COMP: "workers' compensation",
}

CATEGORY_WORDS = {
    Category.MEDICAL_NECESSITY: "the plan says the care is not medically necessary",
    Category.EXPERIMENTAL: "the plan says the treatment is experimental or investigational",
    Category.EMERGENCY_PAYMENT: "the plan refuses to pay for emergency or urgent care",
    Category.NOT_COVERED: "the plan says this is not a covered benefit",
    Category.ADMINISTRATIVE: "an administrative reason (such as a missing prior authorization)",
    Category.PHARMACY: "a pharmacy rule (formulary, step therapy or quantity limit)",
}


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str
    html: str


def understood_facts(s: CaseSummary) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    if s.insurer:
        facts.append(("Health plan", s.insurer))
    if s.service:
        facts.append(("What was denied", s.service))
    if s.letter_date:
        facts.append(("Date of the letter", long_date(s.letter_date)))
    if s.member_id:
        facts.append(("Member ID", s.member_id))
    if s.reference_number:
        facts.append(("Reference number", s.reference_number))
    if s.category in CATEGORY_WORDS:
        facts.append(("Kind of denial", CATEGORY_WORDS[s.category]))
    if s.route in ROUTE_WORDS:
        facts.append(("Who oversees your plan", ROUTE_WORDS[s.route]))
    if s.urgent:
        facts.append(("Urgent", "yes, the letter treats this as urgent"))
    return facts


def case_opened(s: CaseSummary, *, letter_attached: bool, dmhc: Dmhc) -> Notice:
    context = {
        "s": s,
        "facts": understood_facts(s),
        "questions": open_questions(s),
        "step": next_step(s).value,
        "letter_attached": letter_attached,
        "dmhc": dmhc,
    }
    about = f"your denial from {s.insurer}" if s.insurer else "your denial"
    return Notice(
        subject=f"[{s.number}] We opened a case for {about}: your next step",
        text=render("patient_case_opened.txt.j2", context),
        html=render("patient_case_opened.html.j2", context),
    )


def message_attached(s: CaseSummary, *, dmhc: Dmhc) -> Notice:
    context = {"name": s.patient_name, "number": s.number, "insurer": s.insurer, "dmhc": dmhc}
    return Notice(
        subject=f"[{s.number}] We added your email to your case",
        text=render("patient_attached.txt.j2", context),
        html=render("patient_attached.html.j2", context),
    )

"""The patient emails about the letter itself: a new version made, the final packet ready.

Like every patient email they say first what happened, then what to do, in plain words and
in the patient's language (the English is the message id, ``locale/`` holds the Spanish);
``notice.update`` gives them the shared layout (greeting, steps, dates, free help).
"""

from __future__ import annotations

from denialwatch.config import Dmhc
from denialwatch.domain.case import CaseSummary
from denialwatch.domain.language import DEFAULT_LANGUAGE
from denialwatch.domain.model import Route
from denialwatch.domain.notice import Dates, Notice, update
from denialwatch.rendering import Gettext, gettext_for


def letter_revised(
    s: CaseSummary,
    *,
    version: int,
    remaining: int,
    unused: bool,
    dmhc: Dmhc,
    yours: bool = True,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    """A new version of the letter: from the patient's changes (``yours``), or revised by the
    people helping them."""
    _ = gettext_for(language)
    if remaining:
        paragraphs = [
            _(
                "It still has %(count)s blank(s) marked [[LIKE THIS]] for you or your doctor to "
                "fill in.",
                count=remaining,
            ),
            _(
                "To fill them in, edit the attached Word file and send it back to us as an "
                "attachment, or answer in an email, one blank per paragraph, starting with the "
                "words in capitals as the letter shows them, for example: YOUR CONDITION: I "
                "have had back pain since 2019."
            ),
        ]
    else:
        paragraphs = [
            _(
                "Nothing is left to fill in. We will look it over and send you the final packet "
                "to print, sign and send."
            )
        ]
    if unused:
        paragraphs.append(
            _(
                "Part of your email did not match a blank in the letter, so we did not change "
                "the letter for it; a person will read it."
            )
        )
    headline = (
        _(
            "We made version %(version)s of your Independent Medical Review letter with your "
            "changes. It is attached as a Word file and a PDF: please read it.",
            version=version,
        )
        if yours
        else _(
            "We made version %(version)s of your Independent Medical Review letter. It is "
            "attached as a Word file and a PDF: please read it.",
            version=version,
        )
    )
    return update(
        _("Your letter, version %(version)s", version=version),
        name=s.patient_name,
        number=s.number,
        headline=headline,
        paragraphs=paragraphs,
        steps=[],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def letter_final(
    s: CaseSummary,
    *,
    version: int,
    dmhc: Dmhc,
    dates: Dates = (),
    language: str = DEFAULT_LANGUAGE,
) -> Notice:
    """The approved letter's packet: the one to print, sign and send."""
    _ = gettext_for(language)
    return update(
        _("Your final packet for the Independent Medical Review"),
        name=s.patient_name,
        number=s.number,
        headline=_(
            "Your letter (version %(version)s) is approved. Attached is your final packet: this "
            "is the one to print, sign and send.",
            version=version,
        ),
        paragraphs=[
            _(
                "Its first page is a checklist. The letter comes next, then copies of the plan's "
                "letters we have on file, then where to send it all."
            )
        ],
        steps=[
            _how_to_send(s, dmhc, _),
            _("If you mail it, reply to this email with the tracking number."),
            _("Keep a copy of everything you send."),
        ],
        dmhc=dmhc,
        dates=dates,
        language=language,
    )


def _how_to_send(s: CaseSummary, dmhc: Dmhc, _: Gettext) -> str:
    if s.route is Route.CDI:
        # INS 10169: the CDI's own application, sent by the insurer with its decision.
        return _(
            "Send it with the IMR application form your insurer sent, to the address printed on "
            "that form, with delivery confirmation."
        )
    return _(
        "Apply online at %(website)s (the fastest way) and upload the packet, or mail it with "
        "delivery confirmation, or fax it to %(fax)s.",
        website=dmhc.website,
        fax=dmhc.fax,
    )

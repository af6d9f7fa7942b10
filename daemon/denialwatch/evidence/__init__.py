"""Optional help with the supporting letter's evidence: PubMed citations and past IMR outcomes.

Both are off by default (``[evidence]`` in the configuration) and both are suggestions: the
patient and their doctor choose which citations to keep, and the outcome counts go in the
cover note to the patient, never in the letter. ``suggest`` is the one entry point; it never
raises and returns empty ``Suggestions`` when evidence help is off or nothing applies.

- ``pubmed``: the E-utilities requests (pure URL building and JSON parsing, thin urllib shell);
- ``imr_categories``: a case's own words to the IMR data set's categories (keyword tables);
- ``imr_stats``: the data set's counts and the cover note's sentences.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from denialwatch.config import EvidenceSettings
from denialwatch.domain.model import Category
from denialwatch.evidence.imr_categories import (
    IMR_TYPES,
    Match,
    Unmatched,
    match_diagnosis,
    match_treatment,
    pharmacy_match,
)
from denialwatch.evidence.imr_stats import ImrDataError, Similar, cover_note, load_index
from denialwatch.evidence.imr_stats import similar_cases as similar_cases
from denialwatch.evidence.pubmed import Citation, search_citations

__all__ = ["Citation", "Similar", "Suggestions", "past_outcomes", "similar_cases", "suggest"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestions:
    """What evidence help found for one case; every part may be empty."""

    citations: tuple[Citation, ...] = ()
    similar: Similar | None = None
    note: tuple[str, ...] = ()
    """Sentences for the cover note to the patient (in their language)."""

    @property
    def references(self) -> tuple[str, ...]:
        """The citations as one-line references, for the letter's suggested references."""
        return tuple(c.formatted() for c in self.citations)


def past_outcomes(
    settings: EvidenceSettings,
    *,
    treatment: str | None,
    condition: str | None,
    category: Category | None = None,
) -> Similar | None:
    """How IMRs about the same treatment (and condition) went, from ``imr_data_file``.

    None when the file is not configured, the treatment names no known group, too few
    decisions match, or the file cannot be read (logged once, without any case detail).
    """
    if settings.imr_data_file is None:
        return None
    found = match_treatment(treatment)
    if isinstance(found, Unmatched) and category is Category.PHARMACY:
        found = pharmacy_match()
    if not isinstance(found, Match):
        return None
    diagnosis = match_diagnosis(condition)
    try:
        index = load_index(settings.imr_data_file)
    except ImrDataError as err:
        log.warning("IMR data file not used: %s", err)
        return None
    review_type = IMR_TYPES.get(category) if category is not None else None
    return similar_cases(
        index, found, diagnosis if isinstance(diagnosis, Match) else None, review_type
    )


def suggest(
    settings: EvidenceSettings,
    *,
    treatment: str | None,
    condition: str | None,
    language: str = "en",
    category: Category | None = None,
) -> Suggestions:
    """Citations to choose from and how similar IMRs went, as far as the settings allow.

    ``treatment`` and ``condition`` are the case's own words (the denied service, the
    diagnosis); ``category`` the kind of denial, which narrows the IMR counts to the same
    kind of review. Never raises: a failure of either part leaves that part empty.
    """
    try:
        citations = search_citations(treatment, condition, settings=settings)
    except Exception:  # search_citations already never raises; this guards the promise
        log.exception("pubmed suggestions failed")
        citations = ()
    try:
        similar = past_outcomes(
            settings, treatment=treatment, condition=condition, category=category
        )
    except Exception:  # a malformed data file must not stop a letter
        log.exception("IMR outcome counts failed")
        similar = None
    return Suggestions(citations, similar, cover_note(similar, language))

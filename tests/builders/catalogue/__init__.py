"""The catalogue of invented letters, ``SAMPLE_LETTERS`` and its ``DENIALS``.

People, numbers and dates are made up; the regulators' phone numbers and web sites are the real
ones, since the product reads them. Every fact in a letter's ``Facts`` occurs verbatim in its
text, so the reader can quote it. One module per kind: ``dmhc`` (Knox-Keene plans), ``medi_cal``,
``other_routes`` (CDI, Medicare, ERISA) and ``not_denials``.
"""

from __future__ import annotations

from collections.abc import Mapping

from denialwatch.domain.model import DocumentKind

from ..model import SampleLetter
from .dmhc import (
    _blue_shield_experimental,
    _health_net_expedited,
    _kaiser_medical_necessity,
    _molina_step_therapy,
    _sharp_emergency_payment,
)
from .medi_cal import _iehp_spanish_noa, _la_care_medi_cal_noa
from .not_denials import (
    _anthem_portal_notice,
    _health_net_approval,
    _kaiser_newsletter,
    _personal_email,
)
from .other_routes import _aetna_erisa_self_funded, _anthem_ppo_cdi, _scan_medicare_advantage


def _catalogue() -> dict[str, SampleLetter]:
    samples = (
        _kaiser_medical_necessity(),
        _blue_shield_experimental(),
        _anthem_ppo_cdi(),
        _la_care_medi_cal_noa(),
        _health_net_expedited(),
        _scan_medicare_advantage(),
        _aetna_erisa_self_funded(),
        _sharp_emergency_payment(),
        _molina_step_therapy(),
        _iehp_spanish_noa(),
        _health_net_approval(),
        _kaiser_newsletter(),
        _anthem_portal_notice(),
        _personal_email(),
    )
    catalogue = {sample.key: sample for sample in samples}
    if len(catalogue) != len(samples):
        raise AssertionError("duplicate sample keys")
    return catalogue


SAMPLE_LETTERS: Mapping[str, SampleLetter] = _catalogue()
"""Every sample, by key; denials have ``facts``, the rest are ``DocumentKind.NOT_DENIAL``."""

DENIALS: tuple[SampleLetter, ...] = tuple(
    s for s in SAMPLE_LETTERS.values() if s.kind is DocumentKind.DENIAL
)

"""Claim adjustment reason codes (CARC) that deny a service: what each means to a patient and
the review it points to.

``DENYING_CARCS`` is data, written for this project from the X12 CARC list (a copy is in
corpus/denials/denial-defence/data/raw/adjudication_logic/carc_rarc/carc_codes.csv; never read
at run time): the codes that mean the plan did not pay the service at all, each with a plain
meaning and the category of review it points to (DOMAIN.md "Which kind of IMR", research 7.1).
Cost sharing (CARC 1, 2, 3: deductible, coinsurance, copay), contractual discounts (45) and
bundling (97) are adjustments, not denials, and are not listed. Remittance advice remark codes
(RARC) only explain a CARC and decide nothing here. ``eob`` reads them off claim lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from denialwatch.domain.model import Category


@dataclass(frozen=True)
class Carc:
    meaning: str
    category: Category


DENYING_CARCS: dict[str, Carc] = {
    "11": Carc("the diagnosis does not match the procedure", Category.ADMINISTRATIVE),
    "16": Carc("the claim lacks information or has a billing error", Category.ADMINISTRATIVE),
    "22": Carc("another payer may cover this (coordination of benefits)", Category.ADMINISTRATIVE),
    "26": Carc("the service was before the coverage began", Category.NOT_COVERED),
    "27": Carc("the service was after the coverage ended", Category.NOT_COVERED),
    "29": Carc("the time limit for filing the claim has expired", Category.ADMINISTRATIVE),
    "31": Carc("the patient could not be identified as a member", Category.ADMINISTRATIVE),
    "39": Carc("the service was denied when authorization was requested", Category.UNKNOWN),
    "40": Carc(
        "the charges do not qualify as emergency or urgent care", Category.EMERGENCY_PAYMENT
    ),
    "49": Carc("a routine or preventive service the plan does not cover", Category.NOT_COVERED),
    "50": Carc(
        "not covered: not medically necessary in the plan's view", Category.MEDICAL_NECESSITY
    ),
    "51": Carc("not covered: a pre-existing condition", Category.NOT_COVERED),
    "55": Carc("experimental or investigational in the plan's view", Category.EXPERIMENTAL),
    "56": Carc("not proven effective in the plan's view", Category.EXPERIMENTAL),
    "58": Carc("given in a setting the plan finds inappropriate", Category.MEDICAL_NECESSITY),
    "96": Carc("a charge the plan does not cover", Category.NOT_COVERED),
    "109": Carc("not covered by this payer: another one may be", Category.ADMINISTRATIVE),
    "119": Carc("the benefit maximum for the period has been reached", Category.NOT_COVERED),
    "149": Carc("the lifetime benefit maximum has been reached", Category.NOT_COVERED),
    "150": Carc("the records do not support this level of service", Category.MEDICAL_NECESSITY),
    "151": Carc("the records do not support this many services", Category.MEDICAL_NECESSITY),
    "152": Carc("the records do not support this length of service", Category.MEDICAL_NECESSITY),
    "167": Carc("the diagnosis is not covered", Category.NOT_COVERED),
    "170": Carc("not paid when given by this type of provider", Category.NOT_COVERED),
    "197": Carc("no prior authorization or precertification", Category.ADMINISTRATIVE),
    "198": Carc("more than the authorization allowed", Category.ADMINISTRATIVE),
    "204": Carc("not covered under the patient's current benefit plan", Category.NOT_COVERED),
    "242": Carc("not given by a network or primary care provider", Category.NOT_COVERED),
    "243": Carc("not authorized by the network or primary care provider", Category.ADMINISTRATIVE),
    "288": Carc("the referral is missing", Category.ADMINISTRATIVE),
}
"""CARCs that deny a service, with what they mean to a patient and the review they point to."""

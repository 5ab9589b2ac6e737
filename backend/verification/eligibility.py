"""Who may apply for which verification, and which document each needs (one place).

Only certificate holders can be verified as disabled (never "suspected disabled" people), only
households with a registration number as poor households; cooperatives and bases by the kind
of shop they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.producers.models import Producer, ProducerKind
from backend.verification.models import EvidenceKind, VerificationKind


@dataclass(frozen=True)
class Eligibility:
    kind: VerificationKind
    required_evidence: EvidenceKind
    shop_kinds: frozenset[str] | None  # None: any kind of shop
    needs_certificate_number: bool = False
    needs_household_number: bool = False


RULES: dict[str, Eligibility] = {
    VerificationKind.DISABLED: Eligibility(
        VerificationKind.DISABLED,
        EvidenceKind.DISABILITY_CERTIFICATE,
        shop_kinds=None,
        needs_certificate_number=True,
    ),
    VerificationKind.POOR_HOUSEHOLD: Eligibility(
        VerificationKind.POOR_HOUSEHOLD,
        EvidenceKind.POOR_HOUSEHOLD_PROOF,
        shop_kinds=None,
        needs_household_number=True,
    ),
    VerificationKind.COOPERATIVE: Eligibility(
        VerificationKind.COOPERATIVE,
        EvidenceKind.COOPERATIVE_LICENCE,
        shop_kinds=frozenset({ProducerKind.COOPERATIVE}),
    ),
    VerificationKind.POVERTY_BASE: Eligibility(
        VerificationKind.POVERTY_BASE,
        EvidenceKind.BASE_CERTIFICATE,
        shop_kinds=frozenset(
            {ProducerKind.EMPLOYMENT_BASE, ProducerKind.COOPERATIVE, ProducerKind.ENTERPRISE_SHOP}
        ),
    ),
}


def why_not_eligible(seller: Producer, kind: VerificationKind | str) -> Promise | None:
    """None when the seller may apply; otherwise what to do first, in plain words."""
    rule = RULES[VerificationKind(kind)]
    if rule.shop_kinds is not None and seller.kind not in rule.shop_kinds:
        return _("This kind of shop cannot apply for this verification.")
    if rule.needs_certificate_number and not seller.disability_certificate_number:
        return _("Add the disability certificate number to the shop's details first.")
    if rule.needs_household_number and not seller.poor_household_number:
        return _("Add the poor-household registration number to the shop's details first.")
    return None


def required_evidence(kind: VerificationKind | str) -> EvidenceKind:
    return RULES[VerificationKind(kind)].required_evidence

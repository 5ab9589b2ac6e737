"""Who may see and act on verification applications and evidence.

Built on the seller policy (`backend.sellers.permissions`), so the roles are the same
everywhere:

- apply, add evidence, resubmit, withdraw, renew: `SellerAction.APPLY_FOR_VERIFICATION`
  (owners, helpers with scope "all");
- see evidence: `SellerAction.VIEW_EVIDENCE` (owners, helpers with scope "all", operators of
  the shop's region);
- recommend, approve, reject, ask for more, revoke: `SellerAction.REVIEW_VERIFICATION`
  (operators of the shop's region, never on a shop they own or help);
- see applications in the review queue: `SellerAction.INSPECT_SHOP` (operators of the region).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from backend.accounts.models import User
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy, is_operator
from backend.verification.models import VerificationApplication, VerificationEvidence

APPLY = SellerAction.APPLY_FOR_VERIFICATION
VIEW_EVIDENCE = SellerAction.VIEW_EVIDENCE
REVIEW = SellerAction.REVIEW_VERIFICATION
INSPECT = SellerAction.INSPECT_SHOP

application_policy: SellerOwnedPolicy[VerificationApplication] = SellerOwnedPolicy(
    VerificationApplication, seller_field="seller"
)
evidence_policy: SellerOwnedPolicy[VerificationEvidence] = SellerOwnedPolicy(
    VerificationEvidence, seller_field="seller"
)


def applications_in_review_queue(
    user: User | AnonymousUser | None,
) -> QuerySet[VerificationApplication]:
    """Every application an operator may look at: the shops of their regions."""
    if not is_operator(user):
        return VerificationApplication.objects.none()
    return application_policy.instances_for(user, INSPECT)


def may_review(user: User | AnonymousUser | None, application: VerificationApplication) -> bool:
    return application_policy.user_has_permission_for_instance(user, REVIEW, application)

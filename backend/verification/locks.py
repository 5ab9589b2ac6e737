"""Row locks of verification: the only module here that calls `select_for_update()`.

Lock order (global, see backend/warehouse/locks.py): the seller (Producer) before its
applications; applications before their evidence. Every lock query carries the permission
filter, so a row the actor may not act on is simply not found (NOT_FOUND for missing and
forbidden alike).
"""

from __future__ import annotations

from backend.accounts.models import User
from backend.sellers.permissions import SellerAction
from backend.verification.models import ApplicationStatus, VerificationApplication
from backend.verification.permissions import application_policy


def lock_application_for_actor(
    application_id: int, actor: User, action: SellerAction
) -> VerificationApplication:
    """Raises VerificationApplication.DoesNotExist when missing or not the actor's to act on."""
    return (
        application_policy.instances_for(actor, action)
        .select_related("seller", "seller__owner")
        .select_for_update(of=("self",), no_key=True)
        .get(pk=application_id)
    )


def lock_approved_application(application_id: int) -> VerificationApplication | None:
    """For scheduled jobs (no actor): the approval, or None if it is no longer approved."""
    return (
        VerificationApplication.objects.select_related("seller")
        .select_for_update(of=("self",), no_key=True)
        .filter(pk=application_id, status=ApplicationStatus.APPROVED)
        .first()
    )

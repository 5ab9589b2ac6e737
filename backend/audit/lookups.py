"""Tenant-scoped reads of the audit log.

Sellers and operators see rows through `backend.sellers.permissions` (VIEW_ACTIVITY): an owner
sees their shop's rows, an operator the rows of shops in their regions; platform rows (no
seller) only superusers.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from backend.accounts.models import User
from backend.audit.models import AuditEvent
from backend.sellers.permissions import SellerAction, seller_policy


def audit_events_for_actor(actor: User | AnonymousUser | None) -> QuerySet[AuditEvent]:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return AuditEvent.objects.none()
    sellers = seller_policy.instances_for(actor, SellerAction.VIEW_ACTIVITY).values("pk")
    where = Q(seller_id__in=sellers)
    if actor.is_superuser:
        where |= Q(seller__isnull=True)
    return AuditEvent.objects.filter(where).select_related("actor", "on_behalf_of", "seller")


def audit_events_for_subject(subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    """Rows about one object (no tenant filter: call it only for an already authorised one)."""
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by(
        "event_time", "pk"
    )

"""Tenant-scoped reads of the sellers domain (the filter is always in the query).

- `access_producer(actor, producer_id, action)`: the shop if `actor` may take `action` on it;
  `Producer.DoesNotExist` alike for "does not exist" and "not yours".
- `helpers_for_seller(seller)`: the shop's helpers, active first.
- `seller_activity(seller, helper=…)`: the audit rows of the shop, optionally only those by one
  helper — the seller's "what was done for me" list.
"""

from __future__ import annotations

from django.db.models import F, QuerySet

from backend.accounts.models import User
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import Producer
from backend.sellers.models import ConfirmationRequest, ConfirmationStatus, HelperGrant
from backend.sellers.permissions import SellerAction, seller_policy


def access_producer(actor: User, producer_id: int, action: SellerAction) -> Producer:
    return seller_policy.instances_for(actor, action).get(pk=producer_id)


def helpers_for_seller(seller: Producer, *, include_revoked: bool = True) -> QuerySet[HelperGrant]:
    grants = HelperGrant.objects.filter(seller_id=seller.pk).select_related("helper", "granted_by")
    if not include_revoked:
        grants = grants.filter(revoked_at__isnull=True)
    return grants.order_by(F("revoked_at").asc(nulls_first=True), "-granted_at", "-pk")


def get_helper_grant_for_seller(grant_id: int, seller: Producer) -> HelperGrant:
    return helpers_for_seller(seller).get(pk=grant_id)


def shops_helped_by(helper: User) -> QuerySet[HelperGrant]:
    """The helper's own active grants, with their shops (the helper's "shops I help" list)."""
    return (
        HelperGrant.objects.active()
        .filter(helper_id=helper.pk)
        .select_related("seller", "seller__region")
        .order_by("seller__name", "pk")
    )


def seller_activity(
    seller: Producer,
    *,
    helper: User | None = None,
    helpers_only: bool = False,
    event_types: list[AuditEventType] | None = None,
) -> QuerySet[AuditEvent]:
    """Audit rows of one shop, newest first; `helper=X` gives "by helper X for seller Y".

    `helpers_only` keeps the rows written by anyone who ever held a helper grant for the shop
    (revoked helpers included: what they did stays visible).
    """
    events = AuditEvent.objects.filter(seller_id=seller.pk).select_related("actor", "on_behalf_of")
    if helper is not None:
        events = events.filter(actor_id=helper.pk)
    if helpers_only:
        events = events.filter(
            actor_id__in=HelperGrant.objects.filter(seller_id=seller.pk).values("helper_id")
        )
    if event_types:
        events = events.filter(event_type__in=event_types)
    return events.order_by("-event_time", "-pk")


def pending_confirmations(seller: Producer) -> QuerySet[ConfirmationRequest]:
    return (
        ConfirmationRequest.objects.filter(seller_id=seller.pk, status=ConfirmationStatus.PENDING)
        .select_related("requested_by")
        .order_by("requested_at", "pk")
    )

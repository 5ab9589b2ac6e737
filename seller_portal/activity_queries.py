"""The shop's activity list: what was done, by whom, for whom — newest first, paginated.

Rows come from the audit log (`backend.sellers.lookups.seller_activity`) and, because shipping
an order writes an order event rather than an audit row, from the order events of the shop's
sub-orders that people caused (shipped, refunded). Both are merged in one UNION ALL query, so
a page costs the same number of queries however many rows it shows: the count, the page's
keys, the audit rows, the order events, the shop's helper grants and the product names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, F, QuerySet, Value
from django.utils.translation import gettext as _

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import Product
from backend.orders.models import OrderEvent, OrderEventType
from backend.producers.models import Producer
from backend.sellers.lookups import seller_activity
from backend.sellers.models import HelperGrant, HelperKind
from backend.verification.models import VerificationKind

PAGE_SIZE = 25
ORDER_EVENT_TYPES = (OrderEventType.FULFILLED, OrderEventType.PAYMENT_REFUNDED)
PRODUCT_EVENTS = frozenset(AuditEventType.in_range(3000))
PRODUCT_SUBJECT = "catalog.product"


@dataclass(frozen=True)
class ActivityRow:
    time: datetime
    what: str
    detail: str
    who: str
    by_helper: bool
    role: str = ""  # the helper's role, e.g. "volunteer (志愿者)"


def _order_events(shop: Producer, helpers_only: bool) -> QuerySet[OrderEvent]:
    events = OrderEvent.objects.filter(
        sub_order__producer_id=shop.pk, type__in=ORDER_EVENT_TYPES, user__isnull=False
    )
    if helpers_only:
        events = events.filter(
            user_id__in=HelperGrant.objects.filter(seller_id=shop.pk).values("helper_id")
        )
    return events


def activity_keys(shop: Producer, *, helpers_only: bool = False) -> QuerySet[Any]:
    """(source, id, time) of every row, newest first, as one UNION ALL."""
    audit = (
        seller_activity(shop, helpers_only=helpers_only)
        .select_related(None)
        .order_by()
        .annotate(source=Value("audit", output_field=CharField()), at=F("event_time"))
        .values_list("source", "pk", "at")
    )
    orders = (
        _order_events(shop, helpers_only)
        .order_by()
        .annotate(source=Value("order", output_field=CharField()), at=F("date"))
        .values_list("source", "pk", "at")
    )
    return audit.union(orders, all=True).order_by("-at", "-pk")


def activity_page(shop: Producer, number: Any, *, helpers_only: bool = False) -> Page:
    """One page of `ActivityRow`s (the page's `object_list` is replaced by the rows)."""
    page = Paginator(activity_keys(shop, helpers_only=helpers_only), PAGE_SIZE).get_page(number)
    keys = list(page.object_list)
    audit_ids = [pk for source, pk, _at in keys if source == "audit"]
    order_ids = [pk for source, pk, _at in keys if source == "order"]
    audits = {
        e.pk: e
        for e in AuditEvent.objects.filter(pk__in=audit_ids).select_related("actor", "on_behalf_of")
    }
    orders = {e.pk: e for e in OrderEvent.objects.filter(pk__in=order_ids).select_related("user")}
    grants = {
        g.helper_id: g
        for g in HelperGrant.objects.filter(seller_id=shop.pk).select_related("helper")
    }
    product_ids = {
        int(e.subject_id)
        for e in audits.values()
        if e.subject_type == PRODUCT_SUBJECT and e.subject_id.isdigit()
    }
    products = (
        dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "name"))
        if product_ids
        else {}
    )
    describe = _Describer(shop, grants, products)
    page.object_list = [
        describe.audit(audits[pk]) if source == "audit" else describe.order(orders[pk])
        for source, pk, _at in keys
        if (audits if source == "audit" else orders).get(pk) is not None
    ]
    return page


class _Describer:
    """Plain words for one row: what happened, and who did it for whom."""

    def __init__(
        self, shop: Producer, grants: dict[int, HelperGrant], products: dict[int, str]
    ) -> None:
        self.shop = shop
        self.owner = shop.owner if shop.owner_id else None
        self.grants = grants
        self.products = products

    def _helper_kind(self, helper_id: int | None, data: dict[str, Any]) -> str:
        details = data.get("helper")
        kind = details.get("kind") if isinstance(details, dict) else None
        grant = self.grants.get(helper_id or 0)
        if kind is None and grant is not None:
            kind = grant.kind
        return str(HelperKind(kind).label) if kind in HelperKind.values else ""

    def _who(self, actor: Any, *, for_whom: Any, helper: bool, operator: bool) -> str:
        if actor is None:
            return _("by the platform")
        if helper:
            owner = for_whom or self.owner or self.shop.name
            return _("by helper %(helper)s for %(seller)s") % {"helper": actor, "seller": owner}
        if operator:
            return _("by %(name)s, reviewer") % {"name": actor}
        if for_whom is not None:
            return _("by %(name)s for %(seller)s") % {"name": actor, "seller": for_whom}
        return _("by %(name)s") % {"name": actor}

    def audit(self, event: AuditEvent) -> ActivityRow:
        data = event.extra_data or {}
        helper = isinstance(data.get("helper"), dict) or (
            event.on_behalf_of_id is not None and event.actor_id in self.grants
        )
        return ActivityRow(
            time=event.event_time,
            what=_("Shop opened") if data.get("opened") else event.get_event_type_display(),
            detail=self._audit_detail(event, data),
            who=self._who(
                event.actor,
                for_whom=event.on_behalf_of,
                helper=helper,
                operator=bool(data.get("as_operator")),
            ),
            by_helper=helper,
            role=self._helper_kind(event.actor_id, data) if helper else "",
        )

    def _audit_detail(self, event: AuditEvent, data: dict[str, Any]) -> str:
        if event.event_type in PRODUCT_EVENTS and event.subject_id.isdigit():
            return self.products.get(int(event.subject_id), "")
        new = data.get("new") if isinstance(data.get("new"), dict) else {}
        if event.event_type in AuditEventType.in_range(2000):
            kind = (new or {}).get("kind")
            return str(VerificationKind(kind).label) if kind in VerificationKind.values else ""
        if event.event_type in AuditEventType.in_range(1000) and event.subject_type.endswith(
            "helpergrant"
        ):
            helper_id = data.get("helper") if isinstance(data.get("helper"), int) else None
            helper_id = helper_id or (new or {}).get("helper")
            grant = self.grants.get(helper_id or 0)
            return str(grant.helper) if grant is not None else ""
        if event.event_type == AuditEventType.SHOP_PROFILE_UPDATED and not data.get("opened"):
            return ", ".join(sorted({*(new or {}), *(data.get("old") or {})}))
        return str(data.get("summary", ""))

    def order(self, event: OrderEvent) -> ActivityRow:
        data = event.data or {}
        grant = self.grants.get(event.user_id or 0)
        helper = grant is not None and event.user_id != self.shop.owner_id
        if event.type == OrderEventType.FULFILLED:
            detail = _("order %(number)s, %(carrier)s %(tracking)s") % {
                "number": event.order_id,
                "carrier": data.get("carrier", ""),
                "tracking": data.get("tracking_number", ""),
            }
        else:
            detail = _("order %(number)s, ¥%(amount)s") % {
                "number": event.order_id,
                "amount": data.get("amount", ""),
            }
        return ActivityRow(
            time=event.date,
            what=event.get_type_display(),
            detail=detail.strip(),
            who=self._who(
                event.user,
                for_whom=self.owner if helper else None,
                helper=helper,
                operator=False,
            ),
            by_helper=helper,
            role=self._helper_kind(event.user_id, {}) if helper else "",
        )

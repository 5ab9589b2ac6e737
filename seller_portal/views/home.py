"""The portal home: a task list per shop (GOV.UK pattern) — what to do next.

One query lists the shops with everything the task list needs (counts, amounts, tags, the
latest verification application, pending confirmations, and which pages the user may open in
each shop), and two more load the products and variants for the stock table.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.accounts.models import User
from backend.catalog.models import Product, ProductVariant
from backend.orders.models import OrderStatus, SubOrder
from backend.payments.models import ProducerLedgerEntry
from backend.producers.lookups import producers_for_actor
from backend.producers.models import Producer
from backend.sellers.models import ConfirmationRequest, ConfirmationStatus, HelperGrant
from backend.sellers.permissions import SellerAction, seller_access_q
from backend.verification.models import ApplicationStatus, VerificationApplication
from backend.verification.tags import annotate_live_tags, tags_from_codes
from seller_portal.shops import portal_user

LOW_STOCK = 5
TO_SHIP = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
# The pages a shop's task list links to; `may_<action>` is computed in the shops query.
LINKED_ACTIONS = (
    SellerAction.MANAGE_PRODUCTS,
    SellerAction.VIEW_ORDERS,
    SellerAction.VIEW_EARNINGS,
    SellerAction.EDIT_SHOP,
    SellerAction.APPLY_FOR_VERIFICATION,
    SellerAction.MANAGE_HELPERS,
    SellerAction.CONFIRM_MONEY_ACTIONS,
    SellerAction.VIEW_ACTIVITY,
)


def _per_producer(
    queryset: QuerySet, aggregate: Count | Sum, field: str = "producer_id"
) -> Subquery:
    return Subquery(
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=aggregate)
        .values("total")
    )


def _count(queryset: QuerySet, field: str = "producer_id") -> Coalesce:
    return Coalesce(
        _per_producer(queryset, Count("pk"), field), Value(0), output_field=IntegerField()
    )


def _permissions(user: User) -> dict[str, ExpressionWrapper]:
    flags = {}
    for action in LINKED_ACTIONS:
        where = seller_access_q(user, action)
        flags[f"may_{action.value}"] = ExpressionWrapper(
            where if where is not None else Q(pk__isnull=True), output_field=BooleanField()
        )
    return flags


def _latest_application(field: str) -> Subquery:
    return Subquery(
        VerificationApplication.objects.filter(seller_id=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values(field)[:1]
    )


def _shops_with_tasks(request: HttpRequest) -> QuerySet[Producer]:
    user = portal_user(request)
    variants = ProductVariant.objects.annotate(
        on_hand=Sum("stocks__quantity"), allocated=Sum("stocks__quantity_allocated")
    ).order_by("sort_order", "pk")
    products = Product.objects.order_by("-created_at", "pk").prefetch_related(
        Prefetch("variants", queryset=variants)
    )
    owed = ProducerLedgerEntry.objects.filter(payout__isnull=True)
    pending = ConfirmationRequest.objects.filter(status=ConfirmationStatus.PENDING)
    shops = (
        producers_for_actor(user)
        .select_related("region")
        .only("pk", "name", "slug", "kind", "region__full_name", "region__name")
        .annotate(
            product_count=_count(Product.objects.all()),
            to_ship_count=_count(SubOrder.objects.filter(status__in=TO_SHIP)),
            owed_now=Coalesce(_per_producer(owed, Sum("net_amount")), Value(Decimal("0"))),
            pending_confirmations=_count(pending, "seller_id"),
            helper_count=_count(HelperGrant.objects.active(), "seller_id"),
            latest_application_status=_latest_application("status"),
            **_permissions(user),
        )
        .prefetch_related(Prefetch("products", queryset=products))
        .order_by("name", "pk")
    )
    return annotate_live_tags(shops)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    shops = list(_shops_with_tasks(request))
    for shop in shops:
        shop.live_tags = tags_from_codes(shop.live_tag_codes)  # type: ignore[attr-defined]
        status = shop.latest_application_status  # type: ignore[attr-defined]
        shop.application_label = ApplicationStatus(status).label if status else ""  # type: ignore[attr-defined]
    context = {"shops": shops, "low_stock": LOW_STOCK}
    return render(request, "seller_portal/home.html", context)

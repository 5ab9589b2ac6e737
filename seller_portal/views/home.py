"""The portal home: a task list per shop (GOV.UK pattern) — what to do next."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.catalog.models import Product, ProductVariant
from backend.orders.models import OrderStatus, SubOrder
from backend.payments.models import ProducerLedgerEntry
from backend.producers.lookups import producers_for_actor
from backend.producers.models import Producer
from seller_portal.shops import portal_user

LOW_STOCK = 5
TO_SHIP = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)


def _per_producer(queryset: QuerySet, aggregate: Count | Sum) -> Subquery:
    return Subquery(
        queryset.filter(producer_id=OuterRef("pk"))
        .values("producer_id")
        .annotate(total=aggregate)
        .values("total")
    )


def _shops_with_tasks(request: HttpRequest) -> QuerySet[Producer]:
    variants = ProductVariant.objects.annotate(
        on_hand=Sum("stocks__quantity"), allocated=Sum("stocks__quantity_allocated")
    ).order_by("sort_order", "pk")
    products = Product.objects.order_by("-created_at", "pk").prefetch_related(
        Prefetch("variants", queryset=variants)
    )
    owed = ProducerLedgerEntry.objects.filter(payout__isnull=True)
    return (
        producers_for_actor(portal_user(request))
        .select_related("region")
        .only("pk", "name", "slug", "kind", "region__full_name", "region__name")
        .annotate(
            product_count=Coalesce(
                _per_producer(Product.objects.all(), Count("pk")),
                Value(0),
                output_field=IntegerField(),
            ),
            to_ship_count=Coalesce(
                _per_producer(SubOrder.objects.filter(status__in=TO_SHIP), Count("pk")),
                Value(0),
                output_field=IntegerField(),
            ),
            owed_now=Coalesce(_per_producer(owed, Sum("net_amount")), Value(Decimal("0"))),
        )
        .prefetch_related(Prefetch("products", queryset=products))
        .order_by("name", "pk")
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"shops": _shops_with_tasks(request), "low_stock": LOW_STOCK}
    return render(request, "seller_portal/home.html", context)

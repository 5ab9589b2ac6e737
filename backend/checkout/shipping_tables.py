"""Load `ShippingTables` for a set of producers in a fixed number of queries (four, five with
pickup points), whatever the number of lines, producers or checkouts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from backend.checkout.models import (
    FreeShippingThreshold,
    ShippingMethod,
    ShippingRate,
    ShippingRule,
)
from backend.checkout.shipping import ShippingTables
from backend.delivery.models import PickupPoint


def load_shipping_tables(
    producer_ids: Iterable[int], pickup_point_ids: Iterable[int] = ()
) -> ShippingTables:
    producers = sorted(set(producer_ids))
    points = sorted(set(pickup_point_ids))
    methods = list(ShippingMethod.objects.filter(is_active=True).order_by("sort_order", "pk"))
    method_ids = [m.pk for m in methods]
    rates: dict[int, list[ShippingRate]] = defaultdict(list)
    for rate in ShippingRate.objects.filter(method_id__in=method_ids).order_by("pk"):
        rates[rate.method_id].append(rate)
    rules: dict[int, list[ShippingRule]] = defaultdict(list)
    for rule in (
        ShippingRule.objects.filter(method_id__in=method_ids, is_active=True)
        .filter(Q(producer__isnull=True) | Q(producer_id__in=producers))
        .select_related("origin_region")
        .order_by("pk")
    ):
        rules[rule.method_id].append(rule)
    thresholds = {
        t.producer_id: t
        for t in FreeShippingThreshold.objects.filter(producer_id__in=producers, is_active=True)
    }
    couriers: dict[int, set[int]] = defaultdict(set)
    if points:
        through = PickupPoint.couriers.through
        for point_id, method_id in through.objects.filter(pickuppoint_id__in=points).values_list(
            "pickuppoint_id", "shippingmethod_id"
        ):
            couriers[point_id].add(method_id)
    return ShippingTables(
        methods=methods,
        rates=dict(rates),
        rules=dict(rules),
        thresholds=thresholds,
        pickup_couriers={k: frozenset(v) for k, v in couriers.items()},
    )

"""The demo delivery data loads after `load_demo()` through the services; a second load adds
nothing."""

from __future__ import annotations

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.models import FreeShippingThreshold, ShippingRule
from backend.delivery.models import DeliveryStatus, DeliveryUpdate, PickupPoint, PickupPointKind
from backend.demo.loading.delivery import STAFF_EMAIL, load_demo_delivery
from backend.demo.tests.conftest import demo_media_root, loaded_demo  # noqa: F401 (fixtures)
from backend.orders.models import Order

pytestmark = pytest.mark.usefixtures("loaded_demo")


def test_load_demo_delivery_twice_points_rules_and_a_pickup_order_once(db):
    # when
    first = load_demo_delivery()
    second = load_demo_delivery()

    # then
    assert first == second
    assert first.pickup_points == PickupPoint.objects.count() == 8
    kinds = set(PickupPoint.objects.values_list("region__code", "kind"))
    assert ("621123", PickupPointKind.COUNTY_CENTRE) in kinds
    villages = PickupPoint.objects.filter(kind=PickupPointKind.VILLAGE_STATION)
    assert {p.region.level for p in villages} == {5}
    assert ShippingRule.objects.count() == first.rules == 3
    remote = ShippingRule.objects.get(name__contains="偏远")
    assert remote.cold_chain_surcharge_amount is None
    assert FreeShippingThreshold.objects.get().producer.slug == "chunsheng-herbs"
    assert AuditEvent.objects.filter(event_type=AuditEventType.PICKUP_POINT_SAVED).count() == 8

    order = Order.objects.get(recipient_name="王小禾")
    assert order.pickup_point_name == "酒仙桥社区自提点"
    steps = list(
        DeliveryUpdate.objects.filter(sub_order__order=order).values_list(
            "status", "recorded_by__email"
        )
    )
    assert steps == [
        (DeliveryStatus.DROPPED_AT_PICKUP_POINT, "seller@demo.sunshine.test"),
        (DeliveryStatus.AT_PICKUP_POINT, STAFF_EMAIL),
    ]
    assert first.updates == 2

"""Status updates: who may record which step (shop people, the pickup point's staff, the buyer),
the stage checks, collection marking the sub-order delivered, and the audit row of each."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.factories import ShippingRateFactory, shipping_method
from backend.checkout.tests.scenarios import listed_variant, new_producer
from backend.delivery.delivered import delivered_order_lines, delivered_sub_orders, is_delivered
from backend.delivery.errors import DeliveryError, DeliveryErrorCode
from backend.delivery.models import DeliveryStatus, DeliveryUpdate
from backend.delivery.tests.factories import PickupPointStaffFactory
from backend.delivery.tests.scenarios import checkout_to_point, new_point, paid_order, shipped
from backend.delivery.tracking import confirm_received, record_delivery_update
from backend.orders.fulfilment import complete_sub_order
from backend.orders.models import OrderStatus
from backend.sellers.tests.scenarios import ROLES, build_people

pytestmark = pytest.mark.django_db

SHOP_PEOPLE = {"owner", "co_owner", "helper_orders", "helper_all"}


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """build_people()'s shop sold one item to a buyer collecting at a village station, shipped."""
    people = build_people()
    ShippingMethod.objects.update(is_active=False)
    postie = shipping_method(name="邮政", supports_cold_chain=False)
    ShippingRateFactory(method=postie)
    point = new_point(name="田家河村服务站", couriers=[postie])
    other_point = new_point(name="别的服务站", couriers=[postie])
    staff = PickupPointStaffFactory(pickup_point=point).user
    other_staff = PickupPointStaffFactory(pickup_point=other_point).user
    buyer = UserFactory(name="买家")
    channel = ChannelFactory()
    variant = listed_variant(channel, producer=people.shop)
    order = paid_order(checkout_to_point(channel, [(variant, 1)], point, user=buyer), user=buyer)
    sub_order = shipped(order.sub_orders.get())
    return people, point, other_point, staff, other_staff, buyer, sub_order


# Services take signed-in actors; the views turn anonymous callers away (portal tests).
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_record_dispatched_only_the_shops_people_others_not_found_nothing_written(world, role):
    # given
    people, *_rest, sub_order = world
    user = people[role]

    assert not isinstance(user, AnonymousUser)

    # when
    outcome: str
    try:
        record_delivery_update(sub_order, actor=user, status=DeliveryStatus.DISPATCHED)
    except DeliveryError as error:
        outcome = error.code
    else:
        outcome = "recorded"

    # then
    if role in SHOP_PEOPLE:
        assert outcome == "recorded"
        event = AuditEvent.objects.get(event_type=AuditEventType.DELIVERY_UPDATE_RECORDED)
        assert (event.actor, event.seller, event.subject_id) == (
            user,
            people.shop,
            str(sub_order.pk),
        )
        assert event.extra_data["new"] == DeliveryStatus.DISPATCHED
        expected_behalf = None if role == "owner" else people.shop.owner
        assert event.on_behalf_of == expected_behalf
    else:
        assert outcome == DeliveryErrorCode.NOT_FOUND
        assert not DeliveryUpdate.objects.exists()
        assert not AuditEvent.objects.filter(
            event_type=AuditEventType.DELIVERY_UPDATE_RECORDED
        ).exists()


def test_point_staff_record_arrival_then_collection_sub_order_delivered_and_audited(world):
    # given
    _people, point, _other, staff, _other_staff, _buyer, sub_order = world

    # when
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)
    record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.COLLECTED, note="本人取件")

    # then
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.COMPLETED
    assert is_delivered(sub_order)
    assert list(delivered_sub_orders()) == [sub_order]
    assert list(delivered_order_lines()) == list(sub_order.lines.all())
    steps = list(sub_order.delivery_updates.values_list("status", "pickup_point_name", "note"))
    assert steps == [
        (DeliveryStatus.AT_PICKUP_POINT, point.name, ""),
        (DeliveryStatus.COLLECTED, point.name, "本人取件"),
    ]
    events = AuditEvent.objects.filter(event_type=AuditEventType.DELIVERY_UPDATE_RECORDED)
    assert sorted(e.extra_data["new"] for e in events) == ["at_pickup_point", "collected"]
    assert {e.actor for e in events} == {staff}
    assert {e.on_behalf_of for e in events} == {None}


def test_staff_of_another_point_not_found_seller_cannot_record_collection(world):
    # given
    people, _point, _other, _staff, other_staff, _buyer, sub_order = world

    # when
    with pytest.raises(DeliveryError) as stranger:
        record_delivery_update(sub_order, actor=other_staff, status=DeliveryStatus.COLLECTED)
    with pytest.raises(DeliveryError) as seller:
        record_delivery_update(
            sub_order, actor=people.user("owner"), status=DeliveryStatus.COLLECTED
        )

    # then
    assert stranger.value.code == DeliveryErrorCode.NOT_FOUND
    assert seller.value.code == DeliveryErrorCode.STATUS_NOT_ALLOWED
    sub_order.refresh_from_db()
    assert not is_delivered(sub_order)
    assert not DeliveryUpdate.objects.exists()


def test_removed_staff_member_not_found(world):
    # given
    _people, point, _other, staff, _other_staff, _buyer, sub_order = world
    role = point.staff.get(user=staff)
    role.removed_at = role.added_at
    role.save(update_fields=["removed_at"])

    # when
    with pytest.raises(DeliveryError) as exc:
        record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.AT_PICKUP_POINT)

    # then
    assert exc.value.code == DeliveryErrorCode.NOT_FOUND


def test_drop_off_needs_an_open_pickup_point(world):
    # given
    people, point, *_rest, sub_order = world
    owner = people.user("owner")

    # when
    with pytest.raises(DeliveryError) as missing:
        record_delivery_update(
            sub_order, actor=owner, status=DeliveryStatus.DROPPED_AT_PICKUP_POINT
        )
    update = record_delivery_update(
        sub_order, actor=owner, status=DeliveryStatus.DROPPED_AT_PICKUP_POINT, pickup_point=point
    )

    # then
    assert missing.value.code == DeliveryErrorCode.PICKUP_POINT_REQUIRED
    assert (update.pickup_point, update.pickup_point_name) == (point, point.name)


def test_buyer_confirms_receipt_once_then_already_delivered(world):
    # given
    *_rest, buyer, sub_order = world

    # when
    confirm_received(sub_order, actor=buyer)
    with pytest.raises(DeliveryError) as again:
        confirm_received(sub_order, actor=buyer)

    # then
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.COMPLETED
    assert sub_order.delivered_at is not None
    assert again.value.code == DeliveryErrorCode.ALREADY_DELIVERED


def test_not_yet_shipped_parcel_cannot_be_dispatched_or_collected(db):
    # given a paid order the shop has not shipped
    ShippingMethod.objects.update(is_active=False)
    postie = shipping_method(supports_cold_chain=False)
    ShippingRateFactory(method=postie)
    point = new_point(couriers=[postie])
    staff = PickupPointStaffFactory(pickup_point=point).user
    channel = ChannelFactory()
    seller = UserFactory(name="卖家")
    variant = listed_variant(channel, producer=new_producer(owner=seller))
    order = paid_order(checkout_to_point(channel, [(variant, 1)], point))
    sub_order = order.sub_orders.get()

    # when
    with pytest.raises(DeliveryError) as dispatched:
        record_delivery_update(
            sub_order,
            actor=seller,
            status=DeliveryStatus.DISPATCHED,
        )
    with pytest.raises(DeliveryError) as collected:
        record_delivery_update(sub_order, actor=staff, status=DeliveryStatus.COLLECTED)

    # then
    assert collected.value.code == DeliveryErrorCode.NOT_SHIPPED
    assert dispatched.value.code == DeliveryErrorCode.NOT_SHIPPED


def test_complete_sub_order_sets_delivered_at_once(world):
    # given
    *_rest, buyer, sub_order = world

    # when
    complete_sub_order(sub_order, actor=buyer)

    # then
    sub_order.refresh_from_db()
    assert is_delivered(sub_order)

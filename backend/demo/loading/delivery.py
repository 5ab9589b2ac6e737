"""Demo delivery, loaded after `load_demo()` through the services:

- pickup points in the demo counties: a county e-commerce service centre (县级服务中心) and
  village service stations (村级服务站) at the demo villages of 渭源, 成县 and 阿克苏, plus a
  community pickup point in 北京 朝阳, where the demo customer lives;
- a cold-chain courier (顺丰冷运) and shipping rules: its nationwide cold chain, no cold chain
  to 西藏, 青海 and 新疆, a cheaper consolidated rate from 渭源县's e-commerce centre, and a
  free-shipping threshold for the demo seller's shop;
- a pickup-point staff member (sign-in below) and a demo order to the 朝阳 point: paid, shipped,
  dropped off by the seller at the village station near the shop, and ready at the pickup point.

Idempotent: points, rules and users are found by name or e-mail, the order by its recipient,
each status update is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test import override_settings

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.catalog.product_editing import default_channel
from backend.checkout.details import update_checkout_pickup_point, update_checkout_shipping_address
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import (
    FreeShippingThreshold,
    ShippingMethod,
    ShippingRate,
    ShippingRule,
)
from backend.delivery.models import (
    DeliveryStatus,
    DeliveryUpdate,
    PickupPoint,
    PickupPointKind,
    PickupPointStaff,
)
from backend.delivery.operations import record_pickup_point_saved
from backend.delivery.tracking import record_delivery_update
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading.orders import BANK, can_place_orders
from backend.orders.complete_checkout import complete_checkout
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import Order, OrderStatus, SubOrder
from backend.payments.offline import confirm_offline_payment
from backend.producers.models import Producer
from backend.regions.models import Region

OPERATOR_EMAIL = "operator@demo.sunshine.test"
CUSTOMER_EMAIL = "buyer@demo.sunshine.test"
SELLER_EMAIL = "seller@demo.sunshine.test"  # owns chunsheng-herbs (会川镇 本庙村)
STAFF_EMAIL = "station@demo.sunshine.test"
STAFF_NAME = "刘站长（演示自提点工作人员）"

COLD_CHAIN_SLUG = "sf-cold-chain"
REMOTE_PROVINCES = ["54", "63", "65"]  # 西藏, 青海, 新疆


@dataclass(frozen=True)
class DemoPoint:
    name: str
    kind: str
    county_code: str
    township: str = ""
    village: str = ""
    address: str = ""
    hours: str = "周一至周日 8:00–19:00"
    contact: str = ""
    phone: str = ""
    couriers: tuple[str, ...] = ("standard", "village-pickup")


CENTRE = PickupPointKind.COUNTY_CENTRE
VILLAGE = PickupPointKind.VILLAGE_STATION
TOWNSHIP = PickupPointKind.TOWNSHIP_STATION

POINTS = (
    DemoPoint("渭源县电子商务公共服务中心", CENTRE, "621123", address="清源镇 城关路 18 号",
              hours="周一至周六 8:30–18:00", contact="陈主任", phone="0932-4110001",
              couriers=("standard", "express", COLD_CHAIN_SLUG)),
    DemoPoint("本庙村服务站", VILLAGE, "621123", "会川镇", "本庙村", "村委会一楼",
              contact="李站长", phone="139 0932 0101"),
    DemoPoint("峡口村服务站", VILLAGE, "621123", "清源镇", "峡口村", "村小卖部旁",
              contact="马站长", phone="139 0932 0102"),
    DemoPoint("成县农村电商服务中心", CENTRE, "621221", address="抛沙镇 南街 6 号",
              contact="赵主任", phone="0939-3210001",
              couriers=("standard", "express", COLD_CHAIN_SLUG)),
    DemoPoint("丰泉村服务站", VILLAGE, "621221", "抛沙镇", "丰泉村", "村党群服务中心",
              contact="杨站长", phone="139 0939 0201"),
    DemoPoint("阿克苏市电商服务中心", CENTRE, "652901", address="依干其乡 团结路 2 号",
              contact="艾主任", phone="0997-2110001", couriers=("standard", "express")),
    DemoPoint("巴格其村服务站", VILLAGE, "652901", "依干其乡", "巴格其村", "村委会",
              contact="买买提站长", phone="139 0997 0301"),
    DemoPoint("酒仙桥社区自提点", TOWNSHIP, "110105", address="酒仙桥路 12 号 便民服务站",
              hours="每天 9:00–21:00", contact="刘站长", phone="010-6431 0001",
              couriers=("standard", "village-pickup", COLD_CHAIN_SLUG)),
)  # fmt: skip

PICKUP_ORDER_RECIPIENT = "王小禾"
PICKUP_ORDER_SKU = "weiyuan-baitiao-dangshen-1"


@dataclass(frozen=True)
class DemoDeliveryResult:
    pickup_points: int
    rules: int
    updates: int


def _user(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


def _region(point: DemoPoint) -> Region:
    county = Region.objects.get(code=point.county_code)
    if not point.township:
        return county
    township = Region.objects.get(parent=county, name=point.township)
    if not point.village:
        return township
    return Region.objects.get(parent=township, name=point.village)


def _cold_chain_courier() -> ShippingMethod:
    method, _ = ShippingMethod.objects.get_or_create(
        slug=COLD_CHAIN_SLUG,
        defaults={
            "name": "顺丰冷运",
            "description": "生鲜冷链，2–3 天送达",
            "supports_cold_chain": True,
            "sort_order": 3,
        },
    )
    return method


def _points(operator: User) -> list[PickupPoint]:
    couriers = {m.slug: m for m in ShippingMethod.objects.all()}
    found = []
    for definition in POINTS:
        region = _region(definition)
        with transaction.atomic():
            point, created = PickupPoint.objects.get_or_create(
                region=region,
                name=definition.name,
                defaults={
                    "kind": definition.kind,
                    "address_detail": definition.address or definition.village or "",
                    "opening_hours": definition.hours,
                    "contact_name": definition.contact,
                    "contact_phone": definition.phone,
                },
            )
            if created:
                point.couriers.set([couriers[s] for s in definition.couriers if s in couriers])
                record_pickup_point_saved(point, actor=operator, created=True, changed_fields=[])
        found.append(point)
    return found


def _rules(cold: ShippingMethod) -> int:
    standard = ShippingMethod.objects.get(slug="standard")
    weiyuan = Region.objects.get(code="621123")
    rules: list[tuple[ShippingMethod, str, dict[str, Any]]] = [
        (cold, "顺丰冷运 全国", {"first_price_amount": Decimal("18.00"), "step_price_amount":
         Decimal("8.00"), "cold_chain_surcharge_amount": Decimal("15.00")}),
        (cold, "顺丰冷运 偏远地区（无冷链）", {"destination_province_codes": REMOTE_PROVINCES,
         "first_price_amount": Decimal("30.00"), "step_price_amount": Decimal("15.00"),
         "cold_chain_surcharge_amount": None}),
        (standard, "渭源县电商中心集中发货", {"origin_region": weiyuan, "first_price_amount":
         Decimal("6.00"), "step_price_amount": Decimal("2.00"),
         "cold_chain_surcharge_amount": Decimal("12.00")}),
    ]  # fmt: skip
    for method, name, fields in rules:
        ShippingRule.objects.get_or_create(method=method, name=name, defaults=fields)
    ShippingRate.objects.get_or_create(
        method=cold,
        destination_province_code="",
        defaults={
            "first_price_amount": Decimal("18.00"),
            "step_price_amount": Decimal("8.00"),
            "cold_chain_surcharge_amount": Decimal("15.00"),
        },
    )
    shop = Producer.objects.filter(slug="chunsheng-herbs").first()
    if shop is not None:
        FreeShippingThreshold.objects.get_or_create(
            producer=shop, defaults={"threshold_amount": Decimal("99.00")}
        )
    return len(rules)


def _staff(point: PickupPoint) -> User:
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User(email=STAFF_EMAIL, name=STAFF_NAME)
        user.set_password(DEMO_PASSWORD)
        user.save()
    PickupPointStaff.objects.get_or_create(pickup_point=point, user=user, removed_at=None)
    return user


def _pickup_order(customer: User, operator: User, point: PickupPoint) -> Order | None:
    order = Order.objects.filter(user=customer, recipient_name=PICKUP_ORDER_RECIPIENT).first()
    if order is not None:
        return order
    variant = ProductVariant.objects.filter(sku=PICKUP_ORDER_SKU).first()
    if variant is None:
        return None
    county = Region.objects.get(code="110105")
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        checkout = create_checkout(
            channel=default_channel(),
            actor=customer,
            user=customer,
            lines=[LineInput(variant.pk, 1)],
        )
        update_checkout_shipping_address(
            checkout,
            recipient_name=PICKUP_ORDER_RECIPIENT,
            mobile="199 0000 3001",
            county_id=county.pk,
            address_detail="酒仙桥路 10 号院 2 号楼 302",
            actor=customer,
        )
        update_checkout_pickup_point(checkout, point.pk, actor=customer)
        order = complete_checkout(checkout, actor=customer, gateway=BANK)
        confirm_offline_payment(order, actor=operator)
    return order


def _record_once(
    sub_order_id: int,
    status: str,
    *,
    actor: User,
    pickup_point: PickupPoint | None = None,
    note: str = "",
) -> int:
    sub_order = SubOrder.objects.get(pk=sub_order_id)
    if DeliveryUpdate.objects.filter(sub_order=sub_order, status=status).exists():
        return 0
    record_delivery_update(
        sub_order, actor=actor, status=status, pickup_point=pickup_point, note=note
    )
    return 1


def load_demo_delivery() -> DemoDeliveryResult:
    """Pickup points, the cold-chain courier and shipping rules, a pickup-point staff member and
    a demo order on its way to a pickup point. Safe to run again."""
    operator = _user(OPERATOR_EMAIL)
    if operator is None or not can_place_orders():
        return DemoDeliveryResult(0, 0, 0)
    cold = _cold_chain_courier()
    points = {p.name: p for p in _points(operator)}
    rules = _rules(cold)
    beijing = points["酒仙桥社区自提点"]
    staff = _staff(beijing)
    customer, seller = _user(CUSTOMER_EMAIL), _user(SELLER_EMAIL)
    updates = 0
    if customer is not None and seller is not None:
        order = _pickup_order(customer, operator, beijing)
        sub_order = order.sub_orders.first() if order is not None else None
        if sub_order is not None:
            if sub_order.status == OrderStatus.UNFULFILLED:
                fulfil_sub_order(
                    sub_order, actor=seller, carrier="中国邮政", tracking_number="9871234567890"
                )
            updates += _record_once(
                sub_order.pk,
                DeliveryStatus.DROPPED_AT_PICKUP_POINT,
                actor=seller,
                pickup_point=points["本庙村服务站"],
                note="下午已送到村服务站，邮政车明早来取",
            )
            updates += _record_once(sub_order.pk, DeliveryStatus.AT_PICKUP_POINT, actor=staff)
    return DemoDeliveryResult(len(points), rules, DeliveryUpdate.objects.count())

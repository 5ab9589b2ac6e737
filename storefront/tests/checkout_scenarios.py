"""Cart and checkout scenarios for storefront tests: a shop with two producers, known shipping
rates, and a buyer walking the checkout through the pages with the Django test client."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.test import Client

from backend.catalog.models import Channel, Product, ProductVariant
from backend.catalog.tests.factories import ProductFactory, list_product
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.tests.factories import ShippingMethodFactory, ShippingRateFactory, mark_fresh
from backend.producers.models import Producer
from backend.producers.tests.factories import PoorHouseholdFactory, ProducerFactory
from backend.regions.models import Region
from storefront.cart_session import CHECKOUT_KEY

WEIYUAN = "621123"  # 甘肃省 定西市 渭源县
BANK = "offline.bank_transfer"


def new_shipping_method(**fields: Any) -> ShippingMethod:
    return cast(ShippingMethod, ShippingMethodFactory(**fields))


def make_shipping(*, pickup: bool = False) -> ShippingMethod:
    """Only one courier is offered: 8.00 for the first kg, 3.00 per further kg, 12.00 for a
    cold chain (the methods the migration ships are turned off so prices stay known). With
    `pickup`, also a village pick-up at 3.00 that has no cold chain."""
    ShippingMethod.objects.update(is_active=False)
    courier = new_shipping_method(name="阳光快递", slug="sunshine-courier", description="3–5 天")
    ShippingRateFactory(method=courier)
    if pickup:
        village = new_shipping_method(
            name="村站自提", slug="sunshine-pickup", supports_cold_chain=False, sort_order=1
        )
        ShippingRateFactory(
            method=village,
            first_price_amount=Decimal("3.00"),
            step_price_amount=Decimal("1.00"),
            cold_chain_surcharge_amount=Decimal("0"),
        )
    return courier


def listed(
    channel: Channel,
    *,
    producer: Producer,
    name: str,
    slug: str,
    price: str,
    stock: int = 10,
    weight_grams: int = 500,
    fresh: bool = False,
) -> ProductVariant:
    product = cast(Product, ProductFactory(producer=producer, name=name, slug=slug))
    (variant,) = list_product(product, channel, [Decimal(price)], stock=stock)
    variant.weight_grams = weight_grams
    variant.save(update_fields=["weight_grams"])
    if fresh:
        mark_fresh(product)
    return variant


@dataclass
class TwoProducerShop:
    cooperative: Producer
    household: Producer
    oil: ProductVariant  # 68.00, 1 kg, from the cooperative
    apples: ProductVariant  # 39.90, 2.5 kg, fresh, from the household
    courier: ShippingMethod


def make_two_producer_shop(channel: Channel, *, pickup: bool = False) -> TwoProducerShop:
    cooperative = cast(Producer, ProducerFactory(name="田阳山茶油合作社", slug="tianyang-oil"))
    household = cast(Producer, PoorHouseholdFactory(name="阿克苏果园小院", slug="aksu-orchard"))
    oil = listed(
        channel,
        producer=cooperative,
        name="山茶油",
        slug="camellia-oil",
        price="68.00",
        weight_grams=1000,
    )
    apples = listed(
        channel,
        producer=household,
        name="糖心苹果",
        slug="aksu-apples",
        price="39.90",
        stock=5,
        weight_grams=2500,
        fresh=True,
    )
    return TwoProducerShop(cooperative, household, oil, apples, make_shipping(pickup=pickup))


def county(code: str = WEIYUAN) -> Region:
    return Region.objects.get(code=code)


def add_to_cart(
    client: Client, variant: ProductVariant, quantity: int = 1, prefix: str = ""
) -> Any:
    return client.post(
        f"{prefix}/product/{variant.product.slug}/",
        {"variant": variant.pk, "quantity": quantity},
    )


def session_checkout(client: Client) -> Checkout:
    return Checkout.objects.get(pk=client.session[CHECKOUT_KEY])


def fill_checkout(client: Client, *, county_code: str = WEIYUAN, gateway: str = BANK) -> None:
    """Answer every step, as a buyer does, up to the review page."""
    client.post("/en/checkout/contact/", {"email": "buyer@example.test"})
    region = county(county_code)
    client.post(
        f"/en/checkout/address/?province={region.province_code}",
        {
            "recipient_name": "张小花",
            "mobile": "139 1234 5678",
            "county": region.pk,
            "address_detail": "幸福路 8 号 3 单元 501",
        },
    )
    method = ShippingMethod.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    assert method is not None
    client.post("/en/checkout/delivery/", {"delivery_method": method.pk})
    client.post("/en/checkout/payment/", {"gateway": gateway})


def text_of(html: str) -> str:
    """The page's words with tags removed and spaces collapsed, for phrases split by markup
    (inline tags join their neighbours, other tags separate words)."""
    joined = re.sub(r"</?(?:span|a|strong|em|b)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", joined)).strip()

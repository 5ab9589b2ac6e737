"""Scenario builders shared by the checkout, orders and payments tests. Checkouts are built
through the real services, so tests see them as production makes them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Channel, Product, ProductVariant
from backend.catalog.tests.factories import ProductFactory, WarehouseFactory, list_product
from backend.checkout.details import (
    update_checkout_delivery_method,
    update_checkout_shipping_address,
)
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.tests.factories import (
    ShippingMethodFactory,
    ShippingRateFactory,
    mark_fresh,
    shipping_address,
)
from backend.producers.models import Producer
from backend.producers.tests.factories import ProducerFactory
from backend.warehouse.models import Warehouse


def new_producer(factory_class: type[ProducerFactory] = ProducerFactory, **kwargs: Any) -> Producer:
    """A producer from the producers' factories, typed as the model."""
    return cast(Producer, factory_class(**kwargs))


def new_user(**kwargs: Any) -> User:
    return cast(User, UserFactory(**kwargs))


def new_warehouse(**kwargs: Any) -> Warehouse:
    return cast(Warehouse, WarehouseFactory(**kwargs))


def make_courier(*, cold_chain: bool = True) -> ShippingMethod:
    """8.00 for the first kg, 3.00 per further kg, 12.00 cold-chain surcharge; Xinjiang (65)
    20.00 + 10.00 per kg, 30.00 surcharge."""
    method = cast(ShippingMethod, ShippingMethodFactory(supports_cold_chain=cold_chain))
    ShippingRateFactory(method=method)
    ShippingRateFactory(
        method=method,
        destination_province_code="65",
        first_price_amount=Decimal("20.00"),
        step_price_amount=Decimal("10.00"),
        cold_chain_surcharge_amount=Decimal("30.00"),
    )
    return method


def listed_variant(
    channel: Channel,
    *,
    producer: Producer | None = None,
    price: str = "49.90",
    stock: int = 10,
    weight_grams: int = 500,
    fresh: bool = False,
) -> ProductVariant:
    product = cast(Product, ProductFactory(producer=producer or new_producer()))
    (variant,) = list_product(product, channel, prices=[Decimal(price)], stock=stock)
    if variant.weight_grams != weight_grams:
        variant.weight_grams = weight_grams
        variant.save(update_fields=["weight_grams"])
    if fresh:
        mark_fresh(product)
    return variant


def ready_checkout(
    channel: Channel,
    lines: Sequence[tuple[ProductVariant, int]],
    *,
    method: ShippingMethod,
    county_code: str = "110105",
    user: User | None = None,
) -> Checkout:
    checkout = create_checkout(
        channel=channel,
        actor=user,
        user=user,
        email="" if user else "buyer@example.test",
        lines=[LineInput(variant.pk, quantity) for variant, quantity in lines],
    )
    update_checkout_shipping_address(checkout, **shipping_address(county_code), actor=user)
    return update_checkout_delivery_method(checkout, method.pk, actor=user)

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict, cast

import factory

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeInputType,
    AttributeValue,
    Product,
)
from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.models import (
    Checkout,
    CheckoutLine,
    FreeShippingThreshold,
    ShippingMethod,
    ShippingRate,
    ShippingRule,
)
from backend.regions.models import Region


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingMethod
        django_get_or_create = ("slug",)

    name = "测试快递"
    slug = factory.Sequence(lambda n: f"test-courier-{n}")
    supports_cold_chain = True


class ShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRate

    method = factory.SubFactory(ShippingMethodFactory)
    destination_province_code = ""
    first_weight_grams = 1000
    first_price_amount = Decimal("8.00")
    step_weight_grams = 1000
    step_price_amount = Decimal("3.00")
    cold_chain_surcharge_amount = Decimal("12.00")


class CheckoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkout

    channel = factory.SubFactory(ChannelFactory)
    email = "buyer@example.test"


class CheckoutLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckoutLine

    checkout = factory.SubFactory(CheckoutFactory)
    quantity = 1


def mark_fresh(product: Product) -> None:
    """Give the product the yes value of the boolean `cold-chain` attribute."""
    attribute, _ = Attribute.objects.get_or_create(
        slug="cold-chain", defaults={"name": "生鲜冷链", "input_type": AttributeInputType.BOOLEAN}
    )
    value, _ = AttributeValue.objects.get_or_create(
        attribute=attribute, slug="true", defaults={"name": "是", "boolean": True}
    )
    AssignedProductAttributeValue.objects.create(value=value, product=product)


def set_supplying_household(product: Product, household_ref: str) -> None:
    attribute, _ = Attribute.objects.get_or_create(
        slug="supplying-household",
        defaults={"name": "供货农户", "input_type": AttributeInputType.PLAIN_TEXT},
    )
    value = AttributeValue.objects.create(
        attribute=attribute,
        slug=f"household-{household_ref}",
        name=household_ref,
        plain_text=household_ref,
    )
    AssignedProductAttributeValue.objects.create(value=value, product=product)


class AddressInput(TypedDict):
    recipient_name: str
    mobile: str
    county_id: int
    address_detail: str


def shipping_address(county_code: str = "110105") -> AddressInput:
    """Keyword arguments for `update_checkout_shipping_address` (an invented recipient)."""
    return {
        "recipient_name": "张小花",
        "mobile": "139 1234 5678",
        "county_id": Region.objects.get(code=county_code).pk,
        "address_detail": "幸福路 8 号 3 单元 501",
    }


class ShippingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRule

    name = factory.Sequence(lambda n: f"规则{n}")
    method = factory.SubFactory(ShippingMethodFactory)
    first_weight_grams = 1000
    first_price_amount = Decimal("6.00")
    step_weight_grams = 1000
    step_price_amount = Decimal("2.00")
    cold_chain_surcharge_amount = Decimal("15.00")


class FreeShippingThresholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreeShippingThreshold

    threshold_amount = Decimal("99.00")


def shipping_method(**fields: Any) -> ShippingMethod:
    """A shipping method from the factory, typed as the model."""
    return cast(ShippingMethod, ShippingMethodFactory(**fields))

"""Campaign scenarios built through the real services: featured products, the producer's
consent, a campaign price, and carts filled through the campaign's page rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.tests.factories import set_supplying_household
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.producers.models import Producer, ProducerKind
from backend.producers.tests.factories import PoorHouseholdFactory, ProducerFactory
from backend.zone.attribution import attribute_cart_lines
from backend.zone.campaign_prices import record_price_consent, set_campaign_price
from backend.zone.models import Campaign, CampaignProduct
from backend.zone.tests.factories import CampaignFactory

BANK = "offline.bank_transfer"


def new_operator() -> User:
    return cast(User, UserFactory(is_staff=True, is_superuser=True))


def new_campaign(**fields: object) -> Campaign:
    return cast(Campaign, CampaignFactory(**fields))


def feature(campaign: Campaign, *variants: ProductVariant) -> None:
    for i, variant in enumerate(variants):
        CampaignProduct.objects.get_or_create(
            campaign=campaign, product_id=variant.product_id, defaults={"sort_order": i}
        )


def consent_and_price(
    campaign: Campaign, variant: ProductVariant, *, minimum: str, price: str, actor: User
) -> None:
    record_price_consent(
        campaign, variant.pk, minimum_amount=minimum, how_agreed="签字同意书", actor=actor
    )
    set_campaign_price(campaign, variant.pk, amount=price, actor=actor)


@dataclass
class FestivalShop:
    campaign: Campaign
    household: Producer  # a registered poor household
    cooperative: Producer  # sells for member households H-001 and H-002
    other: Producer  # not in the campaign
    millet: ProductVariant  # 50.00, campaign price 45.00 (consent 40.00), household
    beans: ProductVariant  # 20.00, featured without a campaign price, household H-001
    crisps: ProductVariant  # 30.00, featured without a campaign price, household H-002
    oil: ProductVariant  # 30.00, not featured
    operator: User


def make_festival_shop(channel: Channel) -> FestivalShop:
    operator = new_operator()
    campaign = new_campaign()
    household = new_producer(PoorHouseholdFactory, name="郝家杂粮")
    cooperative = new_producer(
        ProducerFactory, name="武乡小米合作社", kind=ProducerKind.COOPERATIVE
    )
    other = new_producer(ProducerFactory, name="田阳油坊")
    millet = listed_variant(channel, producer=household, price="50.00", stock=50)
    beans = listed_variant(channel, producer=cooperative, price="20.00", stock=50)
    crisps = listed_variant(channel, producer=cooperative, price="30.00", stock=50)
    set_supplying_household(beans.product, "H-001")
    set_supplying_household(crisps.product, "H-002")
    oil = listed_variant(channel, producer=other, price="30.00", stock=50)
    feature(campaign, millet, beans, crisps)
    consent_and_price(campaign, millet, minimum="40.00", price="45.00", actor=operator)
    return FestivalShop(
        campaign, household, cooperative, other, millet, beans, crisps, oil, operator
    )


def cart(
    channel: Channel,
    method: ShippingMethod,
    *,
    through_campaign: Sequence[tuple[ProductVariant, int]] = (),
    ordinary: Sequence[tuple[ProductVariant, int]] = (),
    campaign: Campaign,
) -> Checkout:
    """A ready checkout; the `through_campaign` lines are added from the campaign's page."""
    checkout = ready_checkout(channel, [*through_campaign, *ordinary], method=method)
    if through_campaign:
        attribute_cart_lines(checkout, campaign, [v.pk for v, _ in through_campaign])
    return checkout


def order_through(checkout: Checkout) -> Order:
    return complete_checkout(checkout, actor=None, gateway=BANK)


def money(value: str) -> Decimal:
    return Decimal(value)

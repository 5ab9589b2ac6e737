"""Builders for sourcing tests: producers with a 500 g product and their owners, a floor price,
and a request posted by a verified enterprise (invitations written on commit)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.tests.scenarios import listed_variant
from backend.procurement.models import FloorPrice
from backend.procurement.tests.scenarios import Side, producer_with_owner
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.sourcing.models import PurchaseRequest, RequestUnit
from backend.sourcing.quotes import QuoteDraft
from backend.sourcing.requests import RequestDraft, post_request


@dataclass
class Supplier:
    producer: Producer
    owner: User
    variant: ProductVariant


def supplier(channel: Channel, tag: str, *, grams: int = 500) -> Supplier:
    producer, owner = producer_with_owner(tag)
    variant = listed_variant(channel, producer=producer, stock=500, weight_grams=grams)
    return Supplier(producer, owner, variant)


def floor(variant: ProductVariant, per_kg: str = "10.00") -> FloorPrice:
    today = timezone.localdate()
    return FloorPrice.objects.create(
        product=variant.product,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=365),
        amount_per_kg=Decimal(per_kg),
        reason="县扶贫办保护价通知",
    )


def request_draft(side: Side, **overrides: Any) -> RequestDraft:
    values: dict[str, Any] = {
        "product_name": "渭源党参",
        "quantity": Decimal("90"),
        "unit": RequestUnit.KG,
        "deadline": timezone.localdate() + datetime.timedelta(days=14),
        "delivery_site": side.site,
        "grade": "一级",
        "region": Region.objects.get(code="62"),
    }
    values.update(overrides)
    return RequestDraft(**values)


def posted_request(side: Side, **overrides: Any) -> PurchaseRequest:
    return post_request(side.enterprise, request_draft(side, **overrides), actor=side.buyer)


def quote_draft(variant: ProductVariant, units: int, price: str, **overrides: Any) -> QuoteDraft:
    values: dict[str, Any] = {
        "variant": variant,
        "units": units,
        "unit_price_amount": Decimal(price),
        "available_on": timezone.localdate() + datetime.timedelta(days=20),
    }
    values.update(overrides)
    return QuoteDraft(**values)

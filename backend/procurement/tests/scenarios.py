"""Scenario builders for procurement tests: a verified enterprise with a buyer, an approver and a
finance member, a cooperative whose owner signs, a 500 g product with stock, and the floor and
market prices of its period — all through the real models and services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user
from backend.enterprises.models import DeliverySite, Enterprise, EnterpriseRole
from backend.enterprises.tests.factories import (
    DeliverySiteFactory,
    EnterpriseFactory,
    EnterpriseMemberFactory,
)
from backend.orders.fulfilment import fulfil_sub_order
from backend.procurement.contracts import (
    ContractLineInput,
    ContractTerms,
    activate_contract,
    create_contract,
    propose_contract,
    sign_contract,
)
from backend.procurement.models import (
    Contract,
    FloorPrice,
    MarketPrice,
    PriceRule,
    ProcurementOrder,
)
from backend.producers.models import Producer

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)
DAY = datetime.date(2026, 3, 10)


@dataclass
class Side:
    enterprise: Enterprise
    admin: User
    buyer: User
    approver: User
    finance: User
    site: DeliverySite


def enterprise_side(name: str = "阳光食堂管理有限公司", tag: str = "a") -> Side:
    enterprise = cast(Enterprise, EnterpriseFactory(name=name))
    people = {}
    for role in (
        EnterpriseRole.ADMIN,
        EnterpriseRole.BUYER,
        EnterpriseRole.APPROVER,
        EnterpriseRole.FINANCE,
    ):
        user = new_user(email=f"{role}-{tag}-{enterprise.pk}@enterprise.test")
        EnterpriseMemberFactory(enterprise=enterprise, user=user, role=role)
        people[str(role)] = user
    site = cast(DeliverySite, DeliverySiteFactory(enterprise=enterprise))
    return Side(enterprise, site=site, **people)


def producer_with_owner(tag: str = "p") -> tuple[Producer, User]:
    owner = new_user(email=f"owner-{tag}@producer.test")
    producer = new_producer(owner=owner)
    return producer, owner


def contracted_variant(
    channel: Channel, producer: Producer, *, stock: int = 100, grams: int = 500
) -> ProductVariant:
    return listed_variant(channel, producer=producer, stock=stock, weight_grams=grams)


def prices(
    variant: ProductVariant, *, floor: str | None = "10.00", market: str | None = "12.00"
) -> None:
    """The floor and market price per kg of the variant's product for the whole year."""
    if floor is not None:
        FloorPrice.objects.create(
            product=variant.product,
            valid_from=START,
            valid_until=END,
            amount_per_kg=Decimal(floor),
            reason="2026 县扶贫办保护价通知",
        )
    if market is not None:
        MarketPrice.objects.create(
            product=variant.product,
            period_start=START,
            period_end=END,
            amount_per_kg=Decimal(market),
            source="县农业农村局价格监测",
        )


def draft(
    side: Side,
    producer: Producer,
    variant: ProductVariant,
    *,
    quantity: int = 60,
    rule: str = PriceRule.MAX_OF_MARKET_AND_FLOOR,
    percent: str = "0",
) -> Contract:
    return create_contract(
        side.enterprise,
        actor=side.buyer,
        producer=producer,
        terms=ContractTerms(
            title="2026年党参直采合同",
            period_start=START,
            period_end=END,
            quality_terms="一级品，含水率不高于13%，到货三日内验收",
            payment_terms="验收合格后凭增值税发票银行转账",
            price_rule=rule,
            price_rule_percent=Decimal(percent),
            delivery_site_id=side.site.pk,
        ),
        lines=[ContractLineInput(variant_id=variant.pk, quantity=quantity, grade="一级")],
    )


def active_contract(
    side: Side, producer: Producer, owner: User, variant: ProductVariant, **kw: object
) -> Contract:
    contract = draft(side, producer, variant, **kw)  # type: ignore[arg-type]
    propose_contract(contract, actor=side.buyer)
    sign_contract(contract, actor=side.approver)
    sign_contract(contract, actor=owner)
    return activate_contract(contract, actor=side.buyer)


def ship(delivery: ProcurementOrder, owner: User) -> None:
    """The producer ships the whole delivery from the seller portal's orders."""
    sub_order = delivery.order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=owner, carrier="中国邮政", tracking_number="EMS001")

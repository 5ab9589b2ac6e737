"""Contracts, their lines with progress, deliveries (procurement orders) and their lines.

Roots are `ContractData` bundles built by `contract_roots`: the contracts, their deliveries and
delivery lines prefetched, and the progress of every contract from one aggregate query, so a
list costs the same number of queries for 1 contract and for 100. Producers come through the
producer loader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Prefetch, QuerySet
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.graphql.core.ids import to_global_id
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.procurement.models import Contract as ContractModel
from backend.procurement.models import ProcurementOrder as ProcurementOrderModel
from backend.procurement.models import ProcurementOrderLine as ProcurementOrderLineModel
from backend.procurement.progress import ContractProgress, LineProgress, contract_progress


@dataclass(frozen=True)
class ContractData:
    contract: ContractModel
    progress: ContractProgress
    deliveries: list[ProcurementOrderModel]


def contract_roots(queryset: QuerySet[ContractModel]) -> list[ContractData]:
    contracts = list(
        queryset.select_related("enterprise").prefetch_related(
            Prefetch(
                "deliveries",
                queryset=ProcurementOrderModel.objects.order_by(
                    "delivery_date", "pk"
                ).prefetch_related(
                    Prefetch("lines", queryset=ProcurementOrderLineModel.objects.order_by("pk"))
                ),
            )
        )
    )
    progress = contract_progress(c.pk for c in contracts)
    return [ContractData(c, progress[c.pk], list(c.deliveries.all())) for c in contracts]


def _money(amount: Decimal, currency: str) -> Money:
    return Money(amount, currency)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class ContractLine(graphene.ObjectType):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    grade = graphene.String(required=True)
    quantity = graphene.Int(required=True, description="Units over the whole period.")
    pending = graphene.Int(required=True, description="Units scheduled, not yet checked.")
    delivered = graphene.Int(required=True, description="Units shipped.")
    accepted = graphene.Int(required=True)
    rejected = graphene.Int(required=True)
    outstanding = graphene.Int(required=True, description="Units still to deliver.")
    amount_due = graphene.Field(MoneyType, required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "One product and grade of a direct-sourcing contract, with its progress."

    @staticmethod
    def resolve_id(root: tuple[LineProgress, str], info: GraphQLResolveInfo) -> int:
        return root[0].line_id

    @staticmethod
    def resolve_quantity(root: tuple[LineProgress, str], info: GraphQLResolveInfo) -> int:
        return root[0].contracted

    @staticmethod
    def resolve_amount_due(root: tuple[LineProgress, str], info: GraphQLResolveInfo) -> Money:
        return _money(root[0].amount_due, root[1])

    @classmethod
    def _attr(cls, name: str) -> Any:
        return lambda root, info: getattr(root[0], name)


for _name in (
    "product_name",
    "variant_name",
    "grade",
    "pending",
    "delivered",
    "accepted",
    "rejected",
    "outstanding",
):
    setattr(ContractLine, f"resolve_{_name}", staticmethod(ContractLine._attr(_name)))


class ProcurementOrderLine(graphene.ObjectType):
    product_name = graphene.String(required=True)
    grade = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    quantity_accepted = graphene.Int(description="Null until the delivery is checked.")
    quantity_rejected = graphene.Int(required=True)
    rejection_reason = graphene.String(required=True)
    market_per_kg = graphene.String(required=True, description="Yuan per kg, to the cent.")
    floor_per_kg = graphene.String(description="Yuan per kg; null when no floor covers it.")
    settlement_per_kg = graphene.String(required=True)
    unit_price = graphene.Field(MoneyType, required=True)
    total = graphene.Field(MoneyType, required=True)
    amount_due = graphene.Field(MoneyType, required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "What one delivery brought of one contract line, at what price."

    @staticmethod
    def resolve_id(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_market_per_kg(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> str:
        return str(root.market_amount_per_kg)

    @staticmethod
    def resolve_floor_per_kg(
        root: ProcurementOrderLineModel, info: GraphQLResolveInfo
    ) -> str | None:
        return _decimal(root.floor_amount_per_kg)

    @staticmethod
    def resolve_settlement_per_kg(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> str:
        return str(root.settlement_amount_per_kg)

    @staticmethod
    def resolve_unit_price(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> Money:
        return _money(root.unit_price_amount, root.currency)

    @staticmethod
    def resolve_total(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> Money:
        return _money(root.total_price_amount, root.currency)

    @staticmethod
    def resolve_amount_due(root: ProcurementOrderLineModel, info: GraphQLResolveInfo) -> Money:
        return _money(root.accepted_amount, root.currency)


class ProcurementOrder(graphene.ObjectType):
    number = graphene.String(required=True)
    status = graphene.String(
        required=True, description="scheduled, accepted, partially_accepted, rejected or cancelled."
    )
    delivery_date = graphene.Date(required=True)
    total = graphene.Field(MoneyType, required=True, description="Value of everything delivered.")
    amount_due = graphene.Field(MoneyType, required=True, description="Value of what was accepted.")
    quality_notes = graphene.String(required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(ProcurementOrderLine)))

    class Meta:
        interfaces = (relay.Node,)
        description = (
            "A delivery (procurement order): drawn down against a contract, or the order of an "
            "accepted quote on a purchase request (no contract)."
        )

    @staticmethod
    def resolve_id(root: ProcurementOrderModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_total(root: ProcurementOrderModel, info: GraphQLResolveInfo) -> Money:
        return _money(root.total_amount, root.currency)

    @staticmethod
    def resolve_amount_due(root: ProcurementOrderModel, info: GraphQLResolveInfo) -> Money:
        return _money(root.accepted_amount, root.currency)

    @staticmethod
    def resolve_lines(
        root: ProcurementOrderModel, info: GraphQLResolveInfo
    ) -> Iterable[ProcurementOrderLineModel]:
        return root.lines.all()


class Contract(graphene.ObjectType):
    number = graphene.String(required=True)
    title = graphene.String(required=True)
    status = graphene.String(
        required=True,
        description="draft, proposed, signed, active, completed or terminated.",
    )
    enterprise_id = graphene.ID(required=True, description="The enterprise's global ID.")
    enterprise_name = graphene.String(required=True)
    producer = graphene.Field(Producer, description="The producer, cooperative or base.")
    period_start = graphene.Date(required=True)
    period_end = graphene.Date(required=True)
    price_rule = graphene.String(
        required=True, description="max_market_floor or market_plus_percent."
    )
    price_rule_percent = graphene.String(required=True)
    delivery_frequency = graphene.String(required=True)
    quality_terms = graphene.String(required=True)
    payment_terms = graphene.String(required=True)
    payment_days = graphene.Int(required=True)
    enterprise_signed_at = graphene.DateTime()
    producer_signed_at = graphene.DateTime()
    ended_reason = graphene.String(required=True)
    lines = graphene.NonNull(graphene.List(graphene.NonNull(ContractLine)))
    deliveries = graphene.NonNull(graphene.List(graphene.NonNull(ProcurementOrder)))
    contracted = graphene.Int(required=True)
    delivered = graphene.Int(required=True)
    accepted = graphene.Int(required=True)
    rejected = graphene.Int(required=True)
    outstanding = graphene.Int(required=True)
    amount_due = graphene.Field(MoneyType, required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "A direct-sourcing contract (直采直供) between an enterprise and a producer."

    @staticmethod
    def resolve_id(root: ContractData, info: GraphQLResolveInfo) -> int:
        return root.contract.pk

    @staticmethod
    def resolve_enterprise_id(root: ContractData, info: GraphQLResolveInfo) -> str:
        return to_global_id("Enterprise", root.contract.enterprise_id)

    @staticmethod
    def resolve_enterprise_name(root: ContractData, info: GraphQLResolveInfo) -> str:
        return root.contract.enterprise.name

    @staticmethod
    def resolve_producer(root: ContractData, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.contract.producer_id)

    @staticmethod
    def resolve_price_rule_percent(root: ContractData, info: GraphQLResolveInfo) -> str:
        return str(root.contract.price_rule_percent)

    @staticmethod
    def resolve_lines(
        root: ContractData, info: GraphQLResolveInfo
    ) -> list[tuple[LineProgress, str]]:
        return [(line, root.contract.currency) for line in root.progress.lines]

    @staticmethod
    def resolve_deliveries(
        root: ContractData, info: GraphQLResolveInfo
    ) -> list[ProcurementOrderModel]:
        return root.deliveries

    @staticmethod
    def resolve_amount_due(root: ContractData, info: GraphQLResolveInfo) -> Money:
        return _money(root.progress.amount_due, root.contract.currency)


for _name in (
    "number",
    "title",
    "status",
    "period_start",
    "period_end",
    "price_rule",
    "delivery_frequency",
    "quality_terms",
    "payment_terms",
    "payment_days",
    "enterprise_signed_at",
    "producer_signed_at",
    "ended_reason",
):
    setattr(
        Contract,
        f"resolve_{_name}",
        staticmethod(lambda root, info, _n=_name: getattr(root.contract, _n)),
    )
for _name in ("contracted", "delivered", "accepted", "rejected", "outstanding"):
    setattr(
        Contract,
        f"resolve_{_name}",
        staticmethod(lambda root, info, _n=_name: getattr(root.progress, _n)),
    )

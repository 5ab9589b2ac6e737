"""Checkout lines, their problems (Saleor 3.15+ `problems`) and the per-producer parcels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.catalog.models import Channel as ChannelModel
from backend.checkout.errors import CheckoutProblem as DomainProblem
from backend.checkout.errors import CheckoutProblemCode
from backend.checkout.fetch import CheckoutLineInfo
from backend.checkout.pricing import ParcelTotals
from backend.graphql.catalog.types.products import untaxed, weight_or_none
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.checkout.fetch import PricedCheckout
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney, Weight
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer

# --- lines and problems -------------------------------------------------------------------


@dataclass(frozen=True)
class CheckoutLineData:
    priced: PricedCheckout
    line_info: CheckoutLineInfo

    @property
    def channel(self) -> ChannelModel:
        return self.priced.info.channel

    def problems(self) -> list[LineProblemData]:
        line_id = self.line_info.line.pk
        return [
            LineProblemData(problem, self)
            for problem in self.priced.line_problems()
            if problem.line_id == line_id
        ]


@dataclass(frozen=True)
class LineProblemData:
    problem: DomainProblem
    line: CheckoutLineData


def _variant(line: CheckoutLineData) -> ChannelContext[Any]:
    return ChannelContext(line.line_info.variant, line.channel)


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="Available quantity of a variant.")
    line = graphene.Field(lambda: CheckoutLine, required=True)
    variant = graphene.Field(ProductVariant, required=True)

    class Meta:
        description = "Indicates insufficient stock for a given checkout line."

    @staticmethod
    def resolve_available_quantity(root: LineProblemData, info: GraphQLResolveInfo) -> Any:
        return root.problem.available_quantity

    @staticmethod
    def resolve_line(root: LineProblemData, info: GraphQLResolveInfo) -> CheckoutLineData:
        return root.line

    @staticmethod
    def resolve_variant(root: LineProblemData, info: GraphQLResolveInfo) -> Any:
        return _variant(root.line)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(lambda: CheckoutLine, required=True)

    class Meta:
        description = "The variant assigned to the checkout line is not available."

    @staticmethod
    def resolve_line(root: LineProblemData, info: GraphQLResolveInfo) -> CheckoutLineData:
        return root.line


def _problem_type(instance: LineProblemData) -> Any:
    if instance.problem.code == CheckoutProblemCode.INSUFFICIENT_STOCK:
        return CheckoutLineProblemInsufficientStock
    return CheckoutLineProblemVariantNotAvailable


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Represents a problem in the checkout line."

    @classmethod
    def resolve_type(cls, instance: LineProblemData, info: GraphQLResolveInfo) -> Any:
        return _problem_type(instance)


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)
        description = "Represents a problem in the checkout."

    @classmethod
    def resolve_type(cls, instance: LineProblemData, info: GraphQLResolveInfo) -> Any:
        return _problem_type(instance)


class CheckoutLine(graphene.ObjectType):
    variant = graphene.Field(ProductVariant, required=True)
    quantity = graphene.Int(required=True, description="The quantity of product variant.")
    unit_price = graphene.Field(TaxedMoney, required=True, description="The unit price.")
    undiscounted_unit_price = graphene.Field(MoneyType, required=True)
    total_price = graphene.Field(TaxedMoney, required=True, description="The sum of the line.")
    undiscounted_total_price = graphene.Field(MoneyType, required=True)
    requires_shipping = graphene.Boolean(required=True)
    problems = graphene.List(
        graphene.NonNull(CheckoutLineProblem),
        description="List of problems with the checkout line.",
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents an item in the checkout."

    @staticmethod
    def resolve_id(root: CheckoutLineData, info: GraphQLResolveInfo) -> int:
        return root.line_info.line.pk

    @staticmethod
    def resolve_variant(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return _variant(root)

    @staticmethod
    def resolve_quantity(root: CheckoutLineData, info: GraphQLResolveInfo) -> int:
        return root.line_info.line.quantity

    @staticmethod
    def resolve_unit_price(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return untaxed(root.priced.line_prices[root.line_info.line.pk].unit_price)

    @staticmethod
    def resolve_undiscounted_unit_price(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return root.priced.line_prices[root.line_info.line.pk].unit_price

    @staticmethod
    def resolve_total_price(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return untaxed(root.priced.line_prices[root.line_info.line.pk].total)

    @staticmethod
    def resolve_undiscounted_total_price(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return root.priced.line_prices[root.line_info.line.pk].total

    @staticmethod
    def resolve_requires_shipping(root: CheckoutLineData, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_problems(root: CheckoutLineData, info: GraphQLResolveInfo) -> Any:
        return root.problems()


# --- parcels (Sunshine Market) ------------------------------------------------------------


@dataclass(frozen=True)
class ParcelData:
    priced: PricedCheckout
    parcel: ParcelTotals


class CheckoutParcel(graphene.ObjectType):
    producer = graphene.Field(Producer, description="Who ships and is paid for this part.")
    lines = graphene.NonNull(graphene.List(graphene.NonNull(CheckoutLine)))
    subtotal_price = graphene.Field(MoneyType, required=True)
    shipping_price = graphene.Field(MoneyType, required=True)
    total_price = graphene.Field(MoneyType, required=True)
    weight = graphene.Field(Weight, required=True)
    needs_cold_chain = graphene.Boolean(required=True)

    class Meta:
        description = (
            "Sunshine Market: one producer's part of a checkout; it ships as one parcel and "
            "becomes one sub-order."
        )

    @staticmethod
    def resolve_producer(root: ParcelData, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.parcel.producer.pk)

    @staticmethod
    def resolve_lines(root: ParcelData, info: GraphQLResolveInfo) -> list[CheckoutLineData]:
        return [CheckoutLineData(root.priced, lp.info) for lp in root.parcel.lines]

    @staticmethod
    def resolve_subtotal_price(root: ParcelData, info: GraphQLResolveInfo) -> Money:
        return root.parcel.subtotal

    @staticmethod
    def resolve_shipping_price(root: ParcelData, info: GraphQLResolveInfo) -> Money:
        return root.parcel.shipping

    @staticmethod
    def resolve_total_price(root: ParcelData, info: GraphQLResolveInfo) -> Money:
        return root.parcel.total

    @staticmethod
    def resolve_weight(root: ParcelData, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.parcel.weight_grams)

    @staticmethod
    def resolve_needs_cold_chain(root: ParcelData, info: GraphQLResolveInfo) -> bool:
        return root.parcel.needs_cold_chain

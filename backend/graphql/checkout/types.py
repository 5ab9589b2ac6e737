"""Checkout, its lines, problems and delivery methods, in Saleor 3's shapes.

Every price comes from the checkout domain's one pricing service, through
`PricedCheckoutByTokenLoader`: all checkouts of a response are priced together, in a fixed
number of queries whatever their number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money

from backend.catalog.models import Channel as ChannelModel
from backend.checkout.errors import CheckoutProblem as DomainProblem
from backend.checkout.errors import CheckoutProblemCode
from backend.checkout.fetch import CheckoutLineInfo
from backend.checkout.models import Checkout as CheckoutModel
from backend.checkout.models import ShippingMethod as ShippingMethodModel
from backend.checkout.pricing import ParcelTotals, calculate_checkout_totals
from backend.checkout.shipping import can_carry
from backend.graphql.catalog.types.products import untaxed, weight_or_none
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.channel.types import Channel
from backend.graphql.checkout.dataloaders import ActiveShippingMethodsLoader, load_priced_checkout
from backend.graphql.checkout.fetch import PricedCheckout
from backend.graphql.core.address import Address, AddressData
from backend.graphql.core.auth import current_user
from backend.graphql.core.connection import CountableConnection
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import then
from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.types import Money as MoneyType
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney, Weight
from backend.graphql.payment.types import PaymentGateway
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.types import Producer
from backend.payments.gateways import available_gateways

NOT_APPLICABLE_MESSAGE = _("This delivery method cannot deliver this cart to this address.")

# --- delivery methods ---------------------------------------------------------------------


@dataclass(frozen=True)
class ShippingMethodData:
    method: ShippingMethodModel
    price: Money
    active: bool


class ShippingMethod(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString(description="Description of the shipping method.")
    price = graphene.Field(
        MoneyType,
        required=True,
        description=(
            "What this method costs for this checkout (for an inactive method: the parcels it "
            "can carry)."
        ),
    )
    active = graphene.Boolean(
        required=True, description="Whether it can carry every parcel of this checkout there."
    )
    message = graphene.String(description="Why the method cannot be used, when it cannot.")
    minimum_delivery_days = graphene.Int()
    maximum_delivery_days = graphene.Int()
    supports_cold_chain = graphene.Boolean(
        required=True, description="Sunshine Market: carries fresh goods cold."
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Shipping methods that can be used as means of shipping for a checkout."

    @staticmethod
    def resolve_id(root: ShippingMethodData, info: GraphQLResolveInfo) -> int:
        return root.method.pk

    @staticmethod
    def resolve_name(root: ShippingMethodData, info: GraphQLResolveInfo) -> str:
        return root.method.name

    @staticmethod
    def resolve_description(root: ShippingMethodData, info: GraphQLResolveInfo) -> Any:
        return editorjs_document(root.method.description)

    @staticmethod
    def resolve_message(root: ShippingMethodData, info: GraphQLResolveInfo) -> str | None:
        return None if root.active else str(NOT_APPLICABLE_MESSAGE)

    @staticmethod
    def resolve_supports_cold_chain(root: ShippingMethodData, info: GraphQLResolveInfo) -> bool:
        return root.method.supports_cold_chain


class DeliveryMethod(graphene.Union):
    class Meta:
        types = (ShippingMethod,)
        description = "Represents a delivery method chosen for the checkout."

    @classmethod
    def resolve_type(cls, instance: Any, info: GraphQLResolveInfo) -> Any:
        return ShippingMethod


def _method_options(priced: PricedCheckout, methods: list[ShippingMethodModel]) -> list[Any]:
    """Each active method, priced for this checkout, and whether it can carry it there (the
    domain's `can_carry` rule; every method is offered until the address is known)."""
    info = priced.info
    county = info.checkout.shipping_county
    fresh = any(line.facts.is_fresh for line in info.lines)
    options = []
    for method in methods:
        rates = list(method.rates.all())
        usable = county is None or can_carry(
            method, rates, province_code=county.province_code, fresh=fresh
        )
        totals = calculate_checkout_totals(
            replace(info, delivery_method=method, shipping_rates=rates)
        )
        options.append(ShippingMethodData(method, totals.shipping, usable))
    return options


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


# --- checkout -----------------------------------------------------------------------------


def _priced(info: GraphQLResolveInfo, root: CheckoutModel, fn: Any) -> Any:
    return then(load_priced_checkout(info, root), fn)


def checkout_address(checkout: CheckoutModel) -> AddressData | None:
    county = checkout.shipping_county
    province = checkout.shipping_province
    if not checkout.has_shipping_address or county is None or province is None:
        return None
    city = checkout.shipping_city
    return AddressData(
        key=f"checkout:{checkout.pk}",
        recipient_name=checkout.recipient_name,
        phone=checkout.mobile,
        province=province.name,
        city=city.name if city else "",
        county=county.name,
        street=checkout.address_detail,
        county_id=county.pk,
        region_code=county.code or "",
    )


class Checkout(graphene.ObjectType):
    token = graphene.UUID(required=True, description="The checkout's token.")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    user = graphene.Field("backend.graphql.account.types.User")
    channel = graphene.Field(Channel, required=True)
    email = graphene.String(description="Email of a customer.")
    billing_address = graphene.Field(Address, description="Not used: orders carry no bill.")
    shipping_address = graphene.Field(Address)
    lines = graphene.NonNull(
        graphene.List(graphene.NonNull(CheckoutLine)),
        description="A list of checkout lines, each containing information about an item.",
    )
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    is_shipping_required = graphene.Boolean(required=True)
    subtotal_price = graphene.Field(
        TaxedMoney, required=True, description="The price of the checkout before shipping."
    )
    shipping_price = graphene.Field(
        TaxedMoney, required=True, description="The shipping price of the checkout."
    )
    total_price = graphene.Field(
        TaxedMoney, required=True, description="The sum of the checkout line prices and shipping."
    )
    shipping_methods = graphene.NonNull(
        graphene.List(graphene.NonNull(ShippingMethod)),
        description="Shipping methods that can be used with this checkout (see `active`).",
    )
    available_shipping_methods = graphene.NonNull(
        graphene.List(graphene.NonNull(ShippingMethod)),
        deprecation_reason="Use `shippingMethods` instead.",
    )
    delivery_method = graphene.Field(DeliveryMethod, description="The delivery method chosen.")
    shipping_method = graphene.Field(
        ShippingMethod, deprecation_reason="Use `deliveryMethod` instead."
    )
    available_payment_gateways = graphene.NonNull(
        graphene.List(graphene.NonNull(PaymentGateway)),
        description="List of available payment gateways.",
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutProblem),
        description="List of problems with the checkout (unavailable variants, short stock).",
    )
    parcels = graphene.NonNull(
        graphene.List(graphene.NonNull(CheckoutParcel)),
        description="Sunshine Market: the checkout split per producer, as it will be ordered.",
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Checkout object."

    @staticmethod
    def resolve_id(root: CheckoutModel, info: GraphQLResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_token(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return root.pk

    @staticmethod
    def resolve_created(root: CheckoutModel, info: GraphQLResolveInfo) -> datetime:
        return root.created_at

    @staticmethod
    def resolve_last_change(root: CheckoutModel, info: GraphQLResolveInfo) -> datetime:
        return root.last_change

    @staticmethod
    def resolve_user(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        viewer = current_user(info)
        return root.user if viewer is not None and root.user_id == viewer.pk else None

    @staticmethod
    def resolve_email(root: CheckoutModel, info: GraphQLResolveInfo) -> str | None:
        return root.email or None

    @staticmethod
    def resolve_billing_address(root: CheckoutModel, info: GraphQLResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_shipping_address(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return checkout_address(root)

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: [CheckoutLineData(p, li) for li in p.info.lines])

    @staticmethod
    def resolve_quantity(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: sum(li.line.quantity for li in p.info.lines))

    @staticmethod
    def resolve_is_shipping_required(root: CheckoutModel, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_subtotal_price(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: untaxed(p.totals.subtotal))

    @staticmethod
    def resolve_shipping_price(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: untaxed(p.totals.shipping))

    @staticmethod
    def resolve_total_price(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: untaxed(p.totals.total))

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        methods = ActiveShippingMethodsLoader(info.context).load(ActiveShippingMethodsLoader.KEY)
        return then(methods, lambda ms: _priced(info, root, lambda p: _method_options(p, ms)))

    @staticmethod
    def resolve_available_shipping_methods(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        options = Checkout.resolve_shipping_methods(root, info)
        return then(options, lambda found: [o for o in found if o.active])

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        method = root.delivery_method
        if method is None:
            return None
        return _priced(info, root, lambda p: ShippingMethodData(method, p.totals.shipping, True))

    @staticmethod
    def resolve_shipping_method(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return Checkout.resolve_delivery_method(root, info)

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return available_gateways()

    @staticmethod
    def resolve_problems(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        def problems(priced: PricedCheckout) -> list[LineProblemData]:
            lines = {li.line.pk: CheckoutLineData(priced, li) for li in priced.info.lines}
            return [
                LineProblemData(problem, lines[problem.line_id])
                for problem in priced.line_problems()
                if problem.line_id in lines
            ]

        return _priced(info, root, problems)

    @staticmethod
    def resolve_parcels(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, lambda p: [ParcelData(p, parcel) for parcel in p.totals.parcels])


class CheckoutCountableConnection(CountableConnection):
    class Meta:
        node = Checkout
        strict_types = True

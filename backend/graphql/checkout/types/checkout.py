"""Checkout, its lines, problems and delivery methods, in Saleor 3's shapes.

Every price comes from the checkout domain's one pricing service, through
`PricedCheckoutByTokenLoader`: all checkouts of a response are priced together, in a fixed
number of queries whatever their number of lines.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.checkout.models import Checkout as CheckoutModel
from backend.graphql.catalog.types.products import untaxed
from backend.graphql.channel.types import Channel
from backend.graphql.checkout.dataloaders import load_priced_checkout
from backend.graphql.checkout.fetch import PricedCheckout
from backend.graphql.checkout.types.delivery import (
    DeliveryMethod,
    ShippingMethod,
    ShippingMethodData,
    collection_points,
    method_options,
)
from backend.graphql.checkout.types.lines import (
    CheckoutLine,
    CheckoutLineData,
    CheckoutParcel,
    CheckoutProblem,
    LineProblemData,
    ParcelData,
)
from backend.graphql.core.address import Address, AddressData
from backend.graphql.core.auth import current_user
from backend.graphql.core.connection import CountableConnection
from backend.graphql.core.dataloaders import then
from backend.graphql.core.types import ObjectWithMetadata, TaxedMoney
from backend.graphql.delivery.types import CollectionPointData, Warehouse
from backend.graphql.payment.types import PaymentGateway
from backend.payments.gateways import available_gateways

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
    available_collection_points = graphene.NonNull(
        graphene.List(graphene.NonNull(Warehouse)),
        description=(
            "Collection points near the delivery address (same county first, then the same "
            "city) that can take every parcel: Sunshine Market's pickup points."
        ),
    )
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
        # The priced checkout's shipping tables hold the active methods already.
        return _priced(info, root, lambda p: method_options(p, p.info.shipping.methods))

    @staticmethod
    def resolve_available_shipping_methods(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        options = Checkout.resolve_shipping_methods(root, info)
        return then(options, lambda found: [o for o in found if o.active])

    @staticmethod
    def resolve_available_collection_points(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        return _priced(info, root, collection_points)

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info: GraphQLResolveInfo) -> Any:
        method = root.delivery_method
        if method is None:
            return None
        point = root.pickup_point
        if point is not None:
            return _priced(
                info,
                root,
                lambda p: CollectionPointData(point, method.name, p.totals.shipping),
            )
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

"""The caller's shops, products, variants and sub-orders, for the seller mutations.

Every lookup goes through `backend.sellers.permissions` with the action the mutation needs, so
"another shop's" and "does not exist" are the same `NOT_FOUND` error on the same input field
(Zulip's `access_stream_by_id`): the tenant filter is in the query, never checked afterwards.
A malformed ID (not base64, or of another type) is `GRAPHQL_ERROR`, as in Saleor.
"""

from __future__ import annotations

import uuid
from enum import Enum

from django.utils.translation import gettext_lazy as _
from graphql import GraphQLError
from graphql_relay import from_global_id

from backend.accounts.models import User
from backend.catalog.models import Product, ProductVariant
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import MutationErrors
from backend.orders.models import SubOrder
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, SellerOwnedPolicy, seller_policy

product_policy: SellerOwnedPolicy[Product] = SellerOwnedPolicy(Product, seller_field="producer")
variant_policy: SellerOwnedPolicy[ProductVariant] = SellerOwnedPolicy(
    ProductVariant, seller_field="product__producer"
)
sub_order_policy: SellerOwnedPolicy[SubOrder] = SellerOwnedPolicy(SubOrder, seller_field="producer")

NOT_FOUND_MESSAGES = {
    "Producer": _("This shop does not exist, or you cannot manage it."),
    "Product": _("This product does not exist, or you cannot manage it."),
    "ProductVariant": _("This product variant does not exist, or you cannot manage it."),
    "Order": _("This order does not exist, or you cannot fulfil it."),
    "OrderLine": _("This order line is not part of your shop's order."),
    "Warehouse": _("This warehouse does not exist, or it is not your shop's."),
    "Category": _("Choose a category from the list"),
}


def not_found(code: Enum, type_name: str, field: str) -> MutationErrors:
    return MutationErrors.of(code, field=field, message=NOT_FOUND_MESSAGES[type_name])


def pk_from_id(global_id: str, type_name: str, *, field: str, code: Enum) -> int:
    """The primary key behind a global ID; a malformed one is a GRAPHQL_ERROR on `field`."""
    try:
        return from_global_id_or_error(global_id, type_name)
    except GraphQLError as error:
        raise MutationErrors.of(
            code.__class__["GRAPHQL_ERROR"], field=field, message=error.message
        ) from error


def token_from_order_id(global_id: str, *, field: str, code: Enum) -> str:
    """Orders are identified by their token (`Order.id` is `Order:<token>`)."""
    try:
        type_name, token = from_global_id(global_id)
    except Exception as error:  # graphql-relay raises several kinds on garbage input
        raise MutationErrors.of(
            code.__class__["GRAPHQL_ERROR"],
            field=field,
            message=f"Couldn't resolve id: {global_id}.",
        ) from error
    if type_name != "Order" or not token:
        raise MutationErrors.of(
            code.__class__["GRAPHQL_ERROR"],
            field=field,
            message=f"Invalid ID: {global_id}. Expected: Order.",
        )
    return token


def producer_for_products(user: User, global_id: str | None, *, code: Enum) -> Producer:
    """The shop a new product goes into: the given one, or the caller's only shop."""
    shops = seller_policy.instances_for(user, SellerAction.MANAGE_PRODUCTS)
    if global_id:
        pk = pk_from_id(global_id, "Producer", field="producer", code=code)
        found = shops.filter(pk=pk).first()
    else:
        candidates = list(shops.order_by("pk")[:2])
        if len(candidates) > 1:
            raise MutationErrors.of(
                code.__class__["REQUIRED"],
                field="producer",
                message=_("You manage several shops: say which shop the product is for."),
            )
        found = candidates[0] if candidates else None
    if found is None:
        raise not_found(code, "Producer", "producer")
    return found


def product_for_editing(user: User, global_id: str, *, field: str, code: Enum) -> Product:
    pk = pk_from_id(global_id, "Product", field=field, code=code)
    found = (
        product_policy.instances_for(user, SellerAction.MANAGE_PRODUCTS)
        .select_related("producer")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise not_found(code, "Product", field)
    return found


def variant_for_editing(user: User, global_id: str, *, field: str, code: Enum) -> ProductVariant:
    pk = pk_from_id(global_id, "ProductVariant", field=field, code=code)
    found = (
        variant_policy.instances_for(user, SellerAction.MANAGE_PRODUCTS)
        .select_related("product__producer")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise not_found(code, "ProductVariant", field)
    return found


def sub_orders_for_fulfilling(user: User, global_id: str, *, code: Enum) -> list[SubOrder]:
    """The caller's sub-orders of the order (one per shop the caller may fulfil for)."""
    token = token_from_order_id(global_id, field="order", code=code)
    try:
        uuid.UUID(token)
    except ValueError:
        raise not_found(code, "Order", "order") from None
    found = list(
        sub_order_policy.instances_for(user, SellerAction.FULFIL_ORDERS)
        .filter(order__token=token)
        .select_related("order", "producer")
        .order_by("pk")
    )
    if not found:
        raise not_found(code, "Order", "order")
    return found


def check_own_warehouse(
    producer: Producer, global_id: str | None, *, field: str, code: Enum
) -> None:
    """Each shop has one warehouse: an explicit `warehouse` must be the shop's own."""
    if not global_id:
        return
    pk = pk_from_id(global_id, "Warehouse", field=field, code=code)
    if not producer.warehouses.filter(pk=pk).exists():
        raise not_found(code, "Warehouse", field)

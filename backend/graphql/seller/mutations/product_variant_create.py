"""`productVariantCreate`: add a size or kind (with its price and stock) to a product."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.catalog.variant_editing import add_variant
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.seller.access import product_for_editing
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.inputs import StockInput
from backend.graphql.seller.mutations.base import (
    acting_user,
    clean_weight,
    seller_channel,
    variant_root,
)
from backend.graphql.seller.mutations.stocks import clean_stock_quantity


class ProductVariantCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True, description="Product ID of which type is the variant.")
    name = graphene.String(required=True, description="Variant name (a size or kind, like 500克).")
    price = graphene.Decimal(
        required=True,
        description=(
            "Sunshine Market: the variant's price in yuan (CNY), tax included, in the shop's "
            "channel (Saleor sets it with `productVariantChannelListingUpdate`)."
        ),
    )
    stocks = graphene.List(
        graphene.NonNull(StockInput),
        description="Stocks of a product available for sale (one entry; none means 0).",
    )
    weight = graphene.Int(description="Weight of one item, in grams.")


class ProductVariantCreate(BaseMutation):
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        input = ProductVariantCreateInput(
            required=True, description="Fields required to create a product variant."
        )

    class Meta:
        description = "Creates a new variant for a product. The SKU is assigned by the shop."
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        product = product_for_editing(
            user, values["product"], field="product", code=ProductErrorCode.NOT_FOUND
        )
        quantity = clean_stock_quantity(product.producer, values.get("stocks"))
        weight = clean_weight(values.get("weight"))
        channel = seller_channel()
        with catalog_service_errors({"stock": "stocks"}):
            variant = add_variant(
                product,
                name=values["name"],
                price=values["price"],
                stock=quantity or 0,
                weight_grams=weight,
                channel=channel,
                actor=user,
            )
        return cls(product_variant=variant_root(variant, channel))

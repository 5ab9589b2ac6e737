"""`productVariantStocksUpdate`: set how many of a variant the shop has."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.variant_editing import set_variant_stock
from backend.graphql.catalog.types.variants import ProductVariant
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.seller.access import variant_for_editing
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.inputs import StockInput
from backend.graphql.seller.mutations.base import acting_user, seller_channel, variant_root
from backend.graphql.seller.mutations.stocks import clean_stock_quantity


class ProductVariantStocksUpdate(BaseMutation):
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        variant_id = graphene.ID(required=True, description="ID of a product variant to update.")
        stocks = graphene.List(
            graphene.NonNull(StockInput),
            required=True,
            description="Input list of stocks to create or update (one entry: the shop's own).",
        )

    class Meta:
        description = "Update stocks for product variant."
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        variant = variant_for_editing(
            user, data["variant_id"], field="variantId", code=ProductErrorCode.NOT_FOUND
        )
        quantity = clean_stock_quantity(variant.product.producer, data["stocks"])
        if quantity is None:
            raise MutationErrors.of(
                ProductErrorCode.REQUIRED,
                field="stocks",
                message=_("Enter how many you have, from 0 to 1,000,000"),
            )
        with catalog_service_errors({"stock": "quantity"}):
            set_variant_stock(variant, quantity, actor=user)
        return cls(product_variant=variant_root(variant, seller_channel()))

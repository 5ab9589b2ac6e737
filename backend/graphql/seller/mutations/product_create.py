"""`productCreate`: a new product in the caller's shop, not yet on sale."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.catalog.product_editing import ProductDraft, create_product
from backend.graphql.catalog.types.products import Product
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.seller.access import pk_from_id, producer_for_products
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.mutations.base import (
    acting_user,
    clean_weight,
    product_root,
    seller_channel,
)


class ProductCreateInput(graphene.InputObjectType):
    producer = graphene.ID(
        description=(
            "Sunshine Market: the shop the product is for. May be omitted when the caller "
            "manages exactly one shop."
        )
    )
    name = graphene.String(required=True, description="Product name.")
    category = graphene.ID(description="ID of the product's category.")
    description = graphene.String(description="Product description (plain text).")
    weight = graphene.Int(description="Weight of one item, in grams.")
    price = graphene.Decimal(
        required=True,
        description=(
            "Sunshine Market: price of the first variant in yuan (CNY), tax included. A product "
            "is created with one variant; add more with `productVariantCreate`."
        ),
    )
    stock_quantity = graphene.Int(
        required=True, description="Sunshine Market: how many of the first variant are in stock."
    )
    variant_name = graphene.String(
        description="Sunshine Market: the first variant's size or kind, like 500克."
    )


class ProductCreate(BaseMutation):
    product = graphene.Field(Product)

    class Arguments:
        input = ProductCreateInput(
            required=True, description="Fields required to create a product."
        )

    class Meta:
        description = (
            "Creates a new product, with its first variant, price and stock, unpublished "
            "(publish it with `productChannelListingUpdate`)."
        )
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        producer = producer_for_products(
            user, values.get("producer"), code=ProductErrorCode.NOT_FOUND
        )
        category_id = None
        if values.get("category"):
            category_id = pk_from_id(
                values["category"], "Category", field="category", code=ProductErrorCode.NOT_FOUND
            )
        draft = ProductDraft(
            name=values["name"],
            category_id=category_id,
            description=values.get("description") or "",
            variant_name=values.get("variant_name") or "",
            price=Decimal(values["price"]),
            weight_grams=clean_weight(values.get("weight")),
            stock=values["stock_quantity"],
        )
        channel = seller_channel()
        with catalog_service_errors({"stock": "stockQuantity"}):
            product = create_product(producer, draft, channel=channel, actor=user)
        return cls(product=product_root(product, channel))

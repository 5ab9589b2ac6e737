"""`productUpdate`: change a product's name, category or description."""

from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLResolveInfo

from backend.catalog.product_editing import update_product_details
from backend.graphql.catalog.types.products import Product
from backend.graphql.core.mutations import BaseMutation
from backend.graphql.seller.access import pk_from_id, product_for_editing
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.mutations.base import acting_user, product_root, seller_channel


class ProductInput(graphene.InputObjectType):
    name = graphene.String(description="Product name.")
    category = graphene.ID(description="ID of the product's category.")
    description = graphene.String(description="Product description (plain text).")


class ProductUpdate(BaseMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product to update.")
        input = ProductInput(required=True, description="Fields required to update a product.")

    class Meta:
        description = "Updates an existing product; only the given fields change."
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        product = product_for_editing(user, data["id"], field="id", code=ProductErrorCode.NOT_FOUND)
        values = data["input"]
        category_id = None
        if values.get("category"):
            category_id = pk_from_id(
                values["category"], "Category", field="category", code=ProductErrorCode.NOT_FOUND
            )
        with catalog_service_errors():
            product = update_product_details(
                product,
                actor=user,
                name=values.get("name"),
                category_id=category_id,
                description=values.get("description"),
            )
        return cls(product=product_root(product, seller_channel()))

"""`productChannelListingUpdate`: put a product on sale in a channel, or take it off sale."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.models import Channel
from backend.catalog.product_editing import set_product_published
from backend.graphql.catalog.types.products import Product
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.seller.access import pk_from_id, product_for_editing
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.mutations.base import acting_user, product_root, seller_channel


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    is_published = graphene.Boolean(
        description="Determines if object is visible to customers (and on sale)."
    )


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(
        graphene.NonNull(ProductChannelListingAddInput),
        description="List of channels to which the product should be assigned or updated.",
    )


class ProductChannelListingUpdate(BaseMutation):
    product = graphene.Field(Product, description="An updated product instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product to update.")
        input = ProductChannelListingUpdateInput(
            required=True,
            description="Fields required to create or update product channel listings.",
        )

    class Meta:
        description = (
            "Manage product's availability in channels. Sunshine Market: publishing needs a "
            "priced variant; removing channels is not supported (unpublish instead)."
        )
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        product = product_for_editing(user, data["id"], field="id", code=ProductErrorCode.NOT_FOUND)
        updates = []
        for item in data["input"].get("update_channels") or []:
            pk = pk_from_id(
                item["channel_id"], "Channel", field="channelId", code=ProductErrorCode.NOT_FOUND
            )
            channel = Channel.objects.filter(pk=pk).first()
            if channel is None:
                raise MutationErrors.of(
                    ProductErrorCode.NOT_FOUND,
                    field="channelId",
                    message=_("This channel does not exist."),
                )
            if item.get("is_published") is not None:
                updates.append((channel, bool(item["is_published"])))
        with catalog_service_errors({"price": "isPublished"}):
            for channel, published in updates:
                set_product_published(product, channel=channel, published=published, actor=user)
        return cls(product=product_root(product, updates[-1][0] if updates else seller_channel()))

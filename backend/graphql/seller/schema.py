"""Seller-side mutations (Saleor 3's names), each scoped to the shops the caller may act for
(`backend.sellers.permissions`): owners, and helpers within their grant's scope."""

from __future__ import annotations

import graphene

from backend.graphql.seller.mutations.order_fulfill import OrderFulfill
from backend.graphql.seller.mutations.product_channel_listing_update import (
    ProductChannelListingUpdate,
)
from backend.graphql.seller.mutations.product_create import ProductCreate
from backend.graphql.seller.mutations.product_media_create import ProductMediaCreate
from backend.graphql.seller.mutations.product_update import ProductUpdate
from backend.graphql.seller.mutations.product_variant_create import ProductVariantCreate
from backend.graphql.seller.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)


class SellerMutations(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
    order_fulfill = OrderFulfill.Field()

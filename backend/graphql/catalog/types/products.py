"""The Product type and what only products have (type, media, pricing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import graphene
from django.utils import timezone
from graphene import relay
from graphql import GraphQLResolveInfo
from prices import Money, TaxedMoney, TaxedMoneyRange

from backend.catalog.models import Product as ProductModel
from backend.catalog.models import ProductChannelListing, ProductMediaType, ProductVariant
from backend.catalog.models import ProductMedia as ProductMediaModel
from backend.catalog.models import ProductType as ProductTypeModel
from backend.catalog.pricing import price_range_from_listings
from backend.graphql.catalog.dataloaders.products import (
    AttributeValuesByProductIdLoader,
    CategoryByIdLoader,
    MediaByProductIdLoader,
    ProductChannelListingByProductIdAndChannelLoader,
    ProductTypeByIdLoader,
    PublishedCollectionsByProductIdAndChannelLoader,
)
from backend.graphql.catalog.dataloaders.variants import (
    VariantChannelListingByVariantIdAndChannelLoader,
    VariantsByProductIdAndChannelLoader,
)
from backend.graphql.catalog.enums import ProductMediaTypeEnum, ProductTypeKind, ProductTypeKindEnum
from backend.graphql.catalog.types.attributes import SelectedAttribute, group_selected
from backend.graphql.catalog.types.search import SearchExplanation
from backend.graphql.core.connection import CountableConnection
from backend.graphql.core.context import ChannelContext
from backend.graphql.core.dataloaders import gather, then
from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.enums import ThumbnailFormat, ThumbnailFormatEnum, WeightUnits
from backend.graphql.core.ids import to_global_id
from backend.graphql.core.images import image_or_none, image_url
from backend.graphql.core.types import Image, ObjectWithMetadata, Weight
from backend.graphql.core.types import TaxedMoneyRange as TaxedRange
from backend.graphql.producers.dataloaders import ProducerByIdLoader
from backend.graphql.producers.tag_types import load_tags, tags_field
from backend.graphql.reviews.types import (
    product_review_count,
    product_reviews,
    review_count_field,
    reviews_field,
)

ProductRoot = ChannelContext[ProductModel]


def untaxed(money: Money) -> TaxedMoney:
    """Prices are entered and shown tax-included; no separate tax is computed yet."""
    return TaxedMoney(net=money, gross=money)


def weight_or_none(grams: int | None) -> dict[str, Any] | None:
    if grams is None:
        return None
    return {"unit": WeightUnits.G.value, "value": float(grams)}


def thumbnail_args() -> dict[str, Any]:
    return {
        "size": graphene.Int(description="Size of the image in pixels; original if omitted."),
        "format": graphene.Argument(
            ThumbnailFormatEnum,
            default_value=ThumbnailFormat.ORIGINAL.value,
            description="The format of the image (WebP, or a JPEG for ORIGINAL).",
        ),
    }


class ProductType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    kind = graphene.Field(ProductTypeKindEnum, required=True)

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a type of product. It defines what attributes are available."

    @staticmethod
    def resolve_id(root: ProductTypeModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_weight(root: ProductTypeModel, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.weight_grams or None)

    @staticmethod
    def resolve_kind(root: ProductTypeModel, info: GraphQLResolveInfo) -> str:
        return ProductTypeKind.NORMAL.value


class ProductMedia(graphene.ObjectType):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaTypeEnum, required=True)
    oembed_data = graphene.JSONString(required=True)
    url = graphene.String(required=True, **thumbnail_args())
    product_id = graphene.ID()

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents a product media (a photo with its description, or a video)."

    @staticmethod
    def resolve_id(root: ProductMediaModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_oembed_data(root: ProductMediaModel, info: GraphQLResolveInfo) -> dict[str, Any]:
        return {}

    @staticmethod
    def resolve_url(
        root: ProductMediaModel,
        info: GraphQLResolveInfo,
        size: int | None = None,
        format: Any = None,
    ) -> str:
        if root.type == ProductMediaType.VIDEO or not root.image:
            return root.external_url
        return image_url(root.image.name, size=size, fmt=format)

    @staticmethod
    def resolve_product_id(root: ProductMediaModel, info: GraphQLResolveInfo) -> str:
        return to_global_id("Product", str(root.product_id))


@dataclass(frozen=True)
class PricingData:
    price_range: TaxedMoneyRange | None


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean(description="Whether it is in sale or not.")
    discount = graphene.Field("backend.graphql.core.types.TaxedMoney")
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedRange, description="The discounted price range.")
    price_range_undiscounted = graphene.Field(TaxedRange, description="The undiscounted range.")
    price_range_prior = graphene.Field(TaxedRange, description="The prior price range.")

    class Meta:
        description = "Represents availability of a product in the storefront."

    @staticmethod
    def resolve_on_sale(root: PricingData, info: GraphQLResolveInfo) -> bool:
        return False  # promotions come with a later issue

    @staticmethod
    def resolve_discount(root: PricingData, info: GraphQLResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_display_gross_prices(root: PricingData, info: GraphQLResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_price_range_undiscounted(
        root: PricingData, info: GraphQLResolveInfo
    ) -> TaxedMoneyRange | None:
        return root.price_range

    @staticmethod
    def resolve_price_range_prior(root: PricingData, info: GraphQLResolveInfo) -> None:
        return None


def _variants(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
    loader = VariantsByProductIdAndChannelLoader(info.context)
    return loader.load((root.node.pk, root.channel.pk))


def _pricing(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
    listing_loader = VariantChannelListingByVariantIdAndChannelLoader(info.context)

    def with_variants(variants: list[ProductVariant]) -> Any:
        listings = gather([listing_loader.load((v.pk, root.channel.pk)) for v in variants])
        return then(listings, to_pricing)

    def to_pricing(listings: list[Any]) -> PricingData | None:
        pricing = price_range_from_listings([listing for listing in listings if listing])
        if pricing.price_range is None:
            return None
        start, stop = pricing.price_range.start, pricing.price_range.stop
        return PricingData(TaxedMoneyRange(untaxed(start), untaxed(stop)))

    return then(_variants(root, info), with_variants)


def _purchasable(listing: ProductChannelListing | None, now: datetime) -> bool:
    return bool(
        listing is not None
        and listing.available_for_purchase_at is not None
        and listing.available_for_purchase_at <= now
    )


class Product(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString(description="Description of the product (Editor.js).")
    product_type = graphene.Field(ProductType, required=True)
    slug = graphene.String(required=True)
    category = graphene.Field("backend.graphql.catalog.types.categories.Category")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field("backend.graphql.catalog.types.variants.ProductVariant")
    rating = graphene.Float()
    channel = graphene.String(description="Channel given to retrieve this product.")
    description_json = graphene.JSONString(
        deprecation_reason="Use the `description` field instead."
    )
    thumbnail = graphene.Field(Image, **thumbnail_args())
    pricing = graphene.Field(ProductPricingInfo, description="Lists the storefront prices.")
    is_available = graphene.Boolean(
        description="Whether the product is in stock, set as "
        "available for purchase and has a price in the channel."
    )
    attributes = graphene.NonNull(graphene.List(graphene.NonNull(SelectedAttribute)))
    variants = graphene.List(
        graphene.NonNull("backend.graphql.catalog.types.variants.ProductVariant"),
        description="List of variants for the product (those with a price in the channel).",
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    collections = graphene.List(
        graphene.NonNull("backend.graphql.catalog.types.collections.Collection")
    )
    available_for_purchase_at = graphene.DateTime()
    is_available_for_purchase = graphene.Boolean()
    producer = graphene.Field(
        "backend.graphql.producers.types.Producer",
        required=True,
        description="Sunshine Market: the producer who makes and sells this product.",
    )
    tags = tags_field(
        "Sunshine Market: the verified tags of the product's producer (the same as "
        "`producer.tags`)."
    )
    review_count = review_count_field()
    reviews = reviews_field()
    search_explanation = graphene.Field(
        SearchExplanation,
        description="Sunshine Market: why the product is at its place in a ranked search "
        "(`products(search: …)`); null outside one.",
    )

    class Meta:
        interfaces = (relay.Node, ObjectWithMetadata)
        description = "Represents an individual item for sale in the storefront."

    @staticmethod
    def resolve_id(root: ProductRoot, info: GraphQLResolveInfo) -> int:
        return root.node.pk

    @staticmethod
    def resolve_search_explanation(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return getattr(root.node, "_search_explanation", None)

    @staticmethod
    def resolve_seo_title(root: ProductRoot, info: GraphQLResolveInfo) -> str | None:
        return root.node.seo_title or None

    @staticmethod
    def resolve_seo_description(root: ProductRoot, info: GraphQLResolveInfo) -> str | None:
        return root.node.seo_description or None

    @staticmethod
    def resolve_name(root: ProductRoot, info: GraphQLResolveInfo) -> str:
        return root.node.name

    @staticmethod
    def resolve_slug(root: ProductRoot, info: GraphQLResolveInfo) -> str:
        return root.node.slug

    @staticmethod
    def resolve_description(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return editorjs_document(root.node.description, updated_at=root.node.updated_at)

    resolve_description_json = resolve_description

    @staticmethod
    def resolve_product_type(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return ProductTypeByIdLoader(info.context).load(root.node.product_type_id)

    @staticmethod
    def resolve_category(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        if root.node.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load(root.node.category_id)

    @staticmethod
    def resolve_created(root: ProductRoot, info: GraphQLResolveInfo) -> datetime:
        return root.node.created_at

    @staticmethod
    def resolve_updated_at(root: ProductRoot, info: GraphQLResolveInfo) -> datetime:
        return root.node.updated_at

    @staticmethod
    def resolve_weight(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return weight_or_none(root.node.weight_grams)

    @staticmethod
    def resolve_default_variant(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        default_id = root.node.default_variant_id
        if default_id is None:
            return None

        def pick(variants: list[ProductVariant]) -> Any:
            for variant in variants:
                if variant.pk == default_id:
                    return ChannelContext(variant, root.channel)
            return None

        return then(_variants(root, info), pick)

    @staticmethod
    def resolve_rating(root: ProductRoot, info: GraphQLResolveInfo) -> float | None:
        return float(root.node.rating) if root.node.rating is not None else None

    @staticmethod
    def resolve_channel(root: ProductRoot, info: GraphQLResolveInfo) -> str:
        return root.channel.slug

    @staticmethod
    def resolve_thumbnail(
        root: ProductRoot, info: GraphQLResolveInfo, size: int | None = None, format: Any = None
    ) -> Any:
        def first_image(media: list[ProductMediaModel]) -> Image | None:
            for item in media:
                if item.type == ProductMediaType.IMAGE and item.image:
                    return image_or_none(item.image.name, item.alt, size=size, fmt=format)
            return None

        return then(MediaByProductIdLoader(info.context).load(root.node.pk), first_image)

    @staticmethod
    def resolve_pricing(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return _pricing(root, info)

    @staticmethod
    def resolve_is_available(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        listing = ProductChannelListingByProductIdAndChannelLoader(info.context).load(
            (root.node.pk, root.channel.pk)
        )
        both = gather([listing, _variants(root, info)])
        return then(both, lambda pair: _purchasable(pair[0], timezone.now()) and bool(pair[1]))

    @staticmethod
    def resolve_attributes(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        loader = AttributeValuesByProductIdLoader(info.context)
        return then(loader.load(root.node.pk), group_selected)

    @staticmethod
    def resolve_variants(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return then(_variants(root, info), lambda vs: [ChannelContext(v, root.channel) for v in vs])

    @staticmethod
    def resolve_media(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return MediaByProductIdLoader(info.context).load(root.node.pk)

    @staticmethod
    def resolve_collections(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        loader = PublishedCollectionsByProductIdAndChannelLoader(info.context)
        return then(
            loader.load((root.node.pk, root.channel.pk)),
            lambda cs: [ChannelContext(c, root.channel) for c in cs],
        )

    @staticmethod
    def resolve_available_for_purchase_at(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        listing = ProductChannelListingByProductIdAndChannelLoader(info.context).load(
            (root.node.pk, root.channel.pk)
        )
        return then(listing, lambda lst: lst.available_for_purchase_at if lst else None)

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        listing = ProductChannelListingByProductIdAndChannelLoader(info.context).load(
            (root.node.pk, root.channel.pk)
        )
        return then(listing, lambda lst: _purchasable(lst, timezone.now()))

    @staticmethod
    def resolve_producer(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return ProducerByIdLoader(info.context).load(root.node.producer_id)

    @staticmethod
    def resolve_tags(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return load_tags(info, root.node.producer_id)

    @staticmethod
    def resolve_review_count(root: ProductRoot, info: GraphQLResolveInfo) -> Any:
        return product_review_count(info, root.node.pk)

    @staticmethod
    def resolve_reviews(root: ProductRoot, info: GraphQLResolveInfo, **args: Any) -> Any:
        return product_reviews(info, root.node.pk, args)


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product
        strict_types = True

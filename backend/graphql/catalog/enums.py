"""Catalogue enums with Saleor 3's names and values (Python enum + graphene type)."""

from __future__ import annotations

import enum

import graphene

from backend.catalog.models import AttributeEntityType, AttributeInputType, ProductMediaType


class ProductOrderField(enum.Enum):
    NAME = "name"
    RANK = "rank"
    PRICE = "price"
    MINIMAL_PRICE = "minimal-price"
    LAST_MODIFIED = "last-modified"
    DATE = "date"
    TYPE = "type"
    PUBLISHED = "published"
    PUBLICATION_DATE = "publication-date"
    PUBLISHED_AT = "published-at"
    LAST_MODIFIED_AT = "last-modified-at"
    COLLECTION = "collection"
    RATING = "rating"
    CREATED_AT = "created-at"

    @property
    def description(self) -> str:
        return PRODUCT_ORDER_DESCRIPTIONS.get(self.name, "")


PRODUCT_ORDER_DESCRIPTIONS = {
    "NAME": "Sort products by name.",
    "RANK": "Sort products by rank. Without a ranking search engine yet, sorts by name.",
    "PRICE": "Sort products by price.",
    "MINIMAL_PRICE": "Sort products by a minimal price of a product's variant.",
    "LAST_MODIFIED": "Sort products by update date.",
    "DATE": "Sort products by update date.",
    "TYPE": "Sort products by type.",
    "PUBLISHED": "Sort products by publication date.",
    "PUBLICATION_DATE": "Sort products by publication date.",
    "PUBLISHED_AT": "Sort products by publication date.",
    "LAST_MODIFIED_AT": "Sort products by update date.",
    "COLLECTION": "Sort products by their position in the collection being listed.",
    "RATING": "Sort products by rating.",
    "CREATED_AT": "Sort products by creation date.",
}


class CategorySortField(enum.Enum):
    NAME = "name"
    PRODUCT_COUNT = "product-count"
    SUBCATEGORY_COUNT = "subcategory-count"


class CollectionSortField(enum.Enum):
    NAME = "name"
    AVAILABILITY = "availability"
    PRODUCT_COUNT = "product-count"
    PUBLICATION_DATE = "publication-date"
    PUBLISHED_AT = "published-at"


class CollectionPublished(enum.Enum):
    PUBLISHED = "published"
    HIDDEN = "hidden"


class StockAvailability(enum.Enum):
    IN_STOCK = "in-stock"
    OUT_OF_STOCK = "out-of-stock"


class ProductTypeKind(enum.Enum):
    NORMAL = "normal"
    GIFT_CARD = "gift_card"


class AttributeType(enum.Enum):
    PRODUCT_TYPE = "product-type"
    PAGE_TYPE = "page-type"


class AttributeInput(enum.Enum):
    DROPDOWN = AttributeInputType.DROPDOWN.value
    MULTISELECT = AttributeInputType.MULTISELECT.value
    FILE = "file"
    REFERENCE = AttributeInputType.REFERENCE.value
    SINGLE_REFERENCE = "single-reference"
    NUMERIC = AttributeInputType.NUMERIC.value
    RICH_TEXT = "rich-text"
    PLAIN_TEXT = AttributeInputType.PLAIN_TEXT.value
    SWATCH = "swatch"
    BOOLEAN = AttributeInputType.BOOLEAN.value
    DATE = "date"
    DATE_TIME = "date-time"


class AttributeEntity(enum.Enum):
    """What a reference attribute points at: Saleor's values, plus REGION for origins."""

    PAGE = "page"
    PRODUCT = "product"
    PRODUCT_VARIANT = "product-variant"
    CATEGORY = "category"
    COLLECTION = "collection"
    REGION = AttributeEntityType.REGION.value


class MediaType(enum.Enum):
    IMAGE = ProductMediaType.IMAGE.value
    VIDEO = ProductMediaType.VIDEO.value


class VariantAttributeScope(enum.Enum):
    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"


ProductOrderFieldEnum = graphene.Enum.from_enum(ProductOrderField)
CategorySortFieldEnum = graphene.Enum.from_enum(CategorySortField)
CollectionSortFieldEnum = graphene.Enum.from_enum(CollectionSortField)
CollectionPublishedEnum = graphene.Enum.from_enum(CollectionPublished)
StockAvailabilityEnum = graphene.Enum.from_enum(StockAvailability)
ProductTypeKindEnum = graphene.Enum.from_enum(ProductTypeKind, name="ProductTypeKindEnum")
AttributeTypeEnum = graphene.Enum.from_enum(AttributeType, name="AttributeTypeEnum")
AttributeInputTypeEnum = graphene.Enum.from_enum(AttributeInput, name="AttributeInputTypeEnum")
AttributeEntityTypeEnum = graphene.Enum.from_enum(AttributeEntity, name="AttributeEntityTypeEnum")
ProductMediaTypeEnum = graphene.Enum.from_enum(MediaType, name="ProductMediaType")
VariantAttributeScopeEnum = graphene.Enum.from_enum(VariantAttributeScope)

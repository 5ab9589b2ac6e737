from backend.catalog.models.attributes import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeEntityType,
    AttributeInputType,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
)
from backend.catalog.models.channels import Channel
from backend.catalog.models.collections import (
    Collection,
    CollectionChannelListing,
    CollectionProduct,
)
from backend.catalog.models.products import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductMediaType,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)

__all__ = [
    "AssignedProductAttributeValue",
    "AssignedVariantAttributeValue",
    "Attribute",
    "AttributeEntityType",
    "AttributeInputType",
    "AttributeProduct",
    "AttributeValue",
    "AttributeVariant",
    "Category",
    "Channel",
    "Collection",
    "CollectionChannelListing",
    "CollectionProduct",
    "Product",
    "ProductChannelListing",
    "ProductMedia",
    "ProductMediaType",
    "ProductType",
    "ProductVariant",
    "ProductVariantChannelListing",
]

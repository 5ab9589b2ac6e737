"""`product(id | slug, channel)` and `productVariant(id | sku, channel)`."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from backend.catalog.models import (
    AssignedProductAttributeValue,
    CollectionProduct,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
)
from backend.graphql.core.ids import to_global_id
from backend.images.renditions import rendition_url

PRODUCT = """
query Product($id: ID, $slug: String, $channel: String) {
  product(id: $id, slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription created updatedAt rating channel
    isAvailable isAvailableForPurchase
    weight { unit value }
    productType { id name slug hasVariants isShippingRequired kind }
    category { id slug }
    thumbnail(size: 120, format: WEBP) { url alt }
    original: thumbnail { url }
    media { id alt type sortOrder url(size: 480) productId }
    pricing {
      onSale displayGrossPrices
      priceRange { start { gross { amount currency } } stop { gross { amount currency } } }
      priceRangeUndiscounted { start { gross { amount } } }
    }
    attributes { attribute { id name slug inputType } values { id name slug } }
    collections { id slug channel }
    variants {
      id name sku quantityAvailable weight { unit value }
      pricing { price { gross { amount currency } } priceUndiscounted { gross { amount } } }
      product { slug }
    }
    defaultVariant { sku }
    producer { slug name }
    metadata { key value }
  }
}
"""


def test_product_by_slug_returns_every_storefront_field(
    gql, listed_product, certification, published_collection
):
    # given
    product = listed_product(
        prices=["38.00", "68.00"],
        slug="weiyuan-dangshen",
        name="渭源党参",
        description="高山党参，\n肉质饱满。\n\n产自<渭源>。",
        weight_grams=500,
        rating=Decimal("4.50"),
        seo_title="渭源党参 | 阳光集市",
    )
    ProductMedia.objects.create(product=product, image="products/dangshen.jpg", alt="晒干的党参")
    AssignedProductAttributeValue.objects.create(
        product=product, value=certification.values.get(slug="geo-mark")
    )
    CollectionProduct.objects.create(collection=published_collection, product=product)

    # when
    response = gql(PRODUCT, {"slug": "weiyuan-dangshen"})

    # then
    assert response.errors is None, response
    data = response.data["product"]
    assert data["id"] == to_global_id("Product", str(product.pk))
    assert data["seoTitle"] == "渭源党参 | 阳光集市"
    assert data["seoDescription"] is None
    assert data["rating"] == 4.5
    assert data["weight"] == {"unit": "G", "value": 500.0}
    assert data["isAvailable"] is True
    assert data["isAvailableForPurchase"] is True
    assert data["productType"]["kind"] == "NORMAL"
    assert data["thumbnail"] == {
        "url": rendition_url("products/dangshen.jpg", "thumbnail", "webp"),
        "alt": "晒干的党参",
    }
    assert data["original"]["url"] == "/media/products/dangshen.jpg"
    assert data["media"][0]["url"] == rendition_url("products/dangshen.jpg", "card", "jpeg")
    assert data["media"][0]["type"] == "IMAGE"
    assert data["media"][0]["productId"] == data["id"]
    assert data["pricing"]["priceRange"]["start"]["gross"] == {"amount": 38.0, "currency": "CNY"}
    assert data["pricing"]["priceRange"]["stop"]["gross"] == {"amount": 68.0, "currency": "CNY"}
    assert data["pricing"]["priceRangeUndiscounted"]["start"]["gross"]["amount"] == 38.0
    assert data["attributes"] == [
        {
            "attribute": {
                "id": to_global_id("Attribute", str(certification.pk)),
                "name": "认证",
                "slug": "certification",
                "inputType": "MULTISELECT",
            },
            "values": [
                {
                    "id": to_global_id(
                        "AttributeValue", str(certification.values.get(slug="geo-mark").pk)
                    ),
                    "name": "地理标志",
                    "slug": "geo-mark",
                }
            ],
        }
    ]
    assert data["collections"] == [
        {
            "id": to_global_id("Collection", str(published_collection.pk)),
            "slug": "one-county-one-product",
            "channel": "default-channel",
        }
    ]
    assert [v["pricing"]["price"]["gross"]["amount"] for v in data["variants"]] == [38.0, 68.0]
    assert data["variants"][0]["quantityAvailable"] == 10
    assert data["variants"][0]["product"]["slug"] == "weiyuan-dangshen"
    assert data["defaultVariant"]["sku"] == data["variants"][0]["sku"]
    assert data["producer"]["slug"] == product.producer.slug
    assert data["metadata"] == []


def test_product_description_is_an_editorjs_document(gql, listed_product):
    # given
    listed_product(slug="p", description="第一段，\n第二行。\n\n第二段 <b>粗</b> & 细")

    # when
    response = gql(PRODUCT, {"slug": "p"})

    # then
    document = json.loads(response.data["product"]["description"])
    assert [block["type"] for block in document["blocks"]] == ["paragraph", "paragraph"]
    assert document["blocks"][0]["data"]["text"] == "第一段，<br>第二行。"
    assert document["blocks"][1]["data"]["text"] == "第二段 &lt;b&gt;粗&lt;/b&gt; &amp; 细"


def test_product_by_id(gql, listed_product):
    # given
    product = listed_product(slug="p")

    # when
    response = gql(PRODUCT, {"id": to_global_id("Product", str(product.pk))})

    # then
    assert response.data["product"]["slug"] == "p"


def test_product_hidden_from_listings_is_reachable_by_slug(gql, listed_product):
    # given
    product = listed_product(slug="direct-link-only")
    ProductChannelListing.objects.filter(product=product).update(visible_in_listings=False)

    # when
    response = gql(PRODUCT, {"slug": "direct-link-only"})

    # then
    assert response.data["product"]["slug"] == "direct-link-only"


def test_product_unpublished_or_inactive_producer_is_null(gql, listed_product, other_producer):
    # given
    unpublished = listed_product(slug="unpublished")
    ProductChannelListing.objects.filter(product=unpublished).update(is_published=False)
    listed_product(slug="closed", producer=other_producer)
    other_producer.is_active = False
    other_producer.save(update_fields=["is_active"])

    # when
    first = gql(PRODUCT, {"slug": "unpublished"})
    second = gql(PRODUCT, {"slug": "closed"})

    # then
    assert first.errors is None
    assert first.data["product"] is None
    assert second.data["product"] is None


def test_product_missing_is_null(gql, channel):
    # when
    response = gql(PRODUCT, {"slug": "no-such-product"})

    # then
    assert response.errors is None
    assert response.data == {"product": None}


def test_product_needs_exactly_one_of_id_and_slug(gql, listed_product):
    # given
    product = listed_product(slug="p")

    # when
    neither = gql(PRODUCT, {})
    both = gql(PRODUCT, {"slug": "p", "id": to_global_id("Product", str(product.pk))})

    # then
    assert neither.data["product"] is None
    assert neither.errors[0]["message"] == "At least one of arguments is required: 'id', 'slug'."
    assert both.errors[0]["message"] == "Argument 'id' cannot be combined with 'slug'."


def test_product_id_of_another_type_is_refused(gql, listed_product):
    # given
    product = listed_product(slug="p")

    # when
    response = gql(PRODUCT, {"id": to_global_id("Category", str(product.pk))})

    # then
    assert response.data["product"] is None
    assert response.errors[0]["message"].startswith("Invalid ID:")


def test_product_variants_without_price_in_channel_are_hidden(gql, listed_product):
    # given
    product = listed_product(slug="p", prices=["10.00"])
    ProductVariant.objects.create(product=product, sku="UNPRICED", name="未定价")

    # when
    response = gql(PRODUCT, {"slug": "p"})

    # then
    priced = product.variants.exclude(sku="UNPRICED").get()
    assert [v["sku"] for v in response.data["product"]["variants"]] == [priced.sku]


VARIANT = """
query Variant($id: ID, $sku: String) {
  productVariant(id: $id, sku: $sku) {
    id name sku trackInventory quantityAvailable channel
    weight { unit value }
    pricing { onSale price { gross { amount currency fractionalAmount fractionDigits } } }
    product { slug }
    attributes { attribute { slug } }
    media { id }
  }
}
"""


def test_product_variant_by_sku_and_id(gql, listed_product):
    # given
    variant: Any = listed_product(slug="p", prices=["19.90"]).variants.get()

    # when
    by_sku = gql(VARIANT, {"sku": variant.sku})
    by_id = gql(VARIANT, {"id": to_global_id("ProductVariant", str(variant.pk))})

    # then
    assert by_sku.errors is None, by_sku
    data = by_sku.data["productVariant"]
    assert data["id"] == to_global_id("ProductVariant", str(variant.pk))
    assert data["pricing"]["price"]["gross"] == {
        "amount": 19.9,
        "currency": "CNY",
        "fractionalAmount": 1990,
        "fractionDigits": 2,
    }
    assert data["product"]["slug"] == "p"
    assert data["weight"] == {"unit": "G", "value": 500.0}
    assert by_id.data["productVariant"] == data


def test_product_variant_quantity_available_is_capped_and_allocations_subtracted(
    gql, listed_product
):
    # given
    from backend.warehouse.models import Stock

    variant = listed_product(slug="p").variants.get()
    Stock.objects.filter(product_variant=variant).update(quantity=500, quantity_allocated=480)
    other = listed_product(slug="q").variants.get()
    Stock.objects.filter(product_variant=other).update(quantity=900)

    # when
    low = gql(VARIANT, {"sku": variant.sku})
    high = gql(VARIANT, {"sku": other.sku})

    # then
    assert low.data["productVariant"]["quantityAvailable"] == 20
    assert high.data["productVariant"]["quantityAvailable"] == 50


def test_product_variant_of_invisible_product_is_null(gql, listed_product):
    # given
    product = listed_product(slug="p")
    ProductChannelListing.objects.filter(product=product).update(is_published=False)

    # when
    response = gql(VARIANT, {"sku": product.variants.get().sku})

    # then
    assert response.data["productVariant"] is None


def test_product_pricing_is_null_without_prices(gql, listed_product):
    # given
    product = listed_product(slug="p", prices=["1.00"])
    product.variants.all().delete()

    # when
    response = gql(PRODUCT, {"slug": "p"})

    # then
    assert response.data["product"]["pricing"] is None
    assert response.data["product"]["variants"] == []
    assert response.data["product"]["isAvailable"] is False


def test_product_amounts_are_exact_decimals(gql, listed_product):
    # given
    listed_product(slug="p", prices=["0.10", "1234567.89"])

    # when
    response = gql(PRODUCT, {"slug": "p"})

    # then
    price_range = response.data["product"]["pricing"]["priceRange"]
    assert Decimal(str(price_range["start"]["gross"]["amount"])) == Decimal("0.10")
    assert Decimal(str(price_range["stop"]["gross"]["amount"])) == Decimal("1234567.89")

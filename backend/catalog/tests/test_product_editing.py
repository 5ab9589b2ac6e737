from __future__ import annotations

from decimal import Decimal

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.errors import CatalogError, CatalogErrorCode
from backend.catalog.lookups import products_visible_in_channel
from backend.catalog.models import ProductChannelListing
from backend.catalog.product_editing import (
    ProductDraft,
    create_product,
    set_product_published,
    update_product_details,
)
from backend.catalog.tests.factories import CategoryFactory
from backend.catalog.variant_editing import add_variant, set_variant_price, set_variant_stock
from backend.producers.tests.factories import ProducerFactory
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db


def _draft(**overrides) -> ProductDraft:  # type: ignore[no-untyped-def]
    values = {
        "name": " 高山  党参 ",
        "category_id": None,
        "description": "晒干切段。",
        "variant_name": "500克",
        "price": Decimal("39.90"),
        "weight_grams": 500,
        "stock": 12,
    }
    values.update(overrides)
    return ProductDraft(**values)


@pytest.fixture
def owner(db):  # type: ignore[no-untyped-def]
    return UserFactory()


@pytest.fixture
def shop(owner):  # type: ignore[no-untyped-def]
    return ProducerFactory(owner=owner)


def test_create_product_makes_unpublished_product_with_price_stock_and_audit_row(
    shop, owner, channel
):
    # given
    category = CategoryFactory()
    # when
    product = create_product(shop, _draft(category_id=category.pk), channel=channel, actor=owner)
    # then
    assert product.name == "高山 党参"
    assert product.slug.startswith("gao-shan-dang-shen-")
    variant = product.default_variant
    assert variant.channel_listings.get().price_amount == Decimal("39.90")
    assert Stock.objects.get(product_variant=variant).quantity == 12
    assert not products_visible_in_channel(channel).filter(pk=product.pk).exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_CREATED)
    assert (event.actor, event.seller, event.on_behalf_of) == (owner, shop, None)
    assert event.extra_data["new"]["price"] == "39.90"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"name": "   "}, CatalogErrorCode.REQUIRED, "name"),
        ({"name": "长" * 121}, CatalogErrorCode.TOO_LONG, "name"),
        ({"price": "abc"}, CatalogErrorCode.PRICE_INVALID, "price"),
        ({"price": Decimal("0")}, CatalogErrorCode.PRICE_INVALID, "price"),
        ({"price": Decimal("1.234")}, CatalogErrorCode.PRICE_INVALID, "price"),
        ({"stock": -1}, CatalogErrorCode.STOCK_INVALID, "stock"),
        ({"category_id": 987654}, CatalogErrorCode.NOT_FOUND, "category"),
    ],
)
def test_create_product_bad_answer_is_refused_with_code_and_field(
    shop, owner, channel, overrides, code, field
):
    with pytest.raises(CatalogError) as exc:
        create_product(shop, _draft(**overrides), channel=channel, actor=owner)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert not shop.products.exists()
    assert not AuditEvent.objects.exists()


def test_publish_product_makes_it_visible_and_unpublish_hides_it(shop, owner, channel):
    product = create_product(shop, _draft(), channel=channel, actor=owner)
    set_product_published(product, channel=channel, published=True, actor=owner)
    assert products_visible_in_channel(channel).filter(pk=product.pk).exists()
    set_product_published(product, channel=channel, published=False, actor=owner)
    assert not products_visible_in_channel(channel).filter(pk=product.pk).exists()
    types = list(AuditEvent.objects.values_list("event_type", flat=True).order_by("pk"))
    assert types[-2:] == [AuditEventType.PRODUCT_PUBLISHED, AuditEventType.PRODUCT_UNPUBLISHED]


def test_helper_edit_is_recorded_on_behalf_of_the_owner(shop, owner, channel):
    # given
    helper = UserFactory(name="志愿者小周")
    product = create_product(shop, _draft(), channel=channel, actor=owner)
    # when
    update_product_details(product, actor=helper, name="渭源党参", description="新介绍")
    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_UPDATED)
    assert (event.actor, event.on_behalf_of) == (helper, owner)
    assert event.extra_data["old"]["name"] == "高山 党参"
    assert event.extra_data["new"]["name"] == "渭源党参"


def test_set_variant_price_updates_sorting_price_and_writes_old_and_new(shop, owner, channel):
    product = create_product(shop, _draft(), channel=channel, actor=owner)
    add_variant(
        product,
        name="1千克",
        price="70.00",
        stock=3,
        weight_grams=1000,
        channel=channel,
        actor=owner,
    )
    set_variant_price(product.default_variant, "29.90", channel=channel, actor=owner)
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.discounted_price_amount == Decimal("29.90")
    event = AuditEvent.objects.filter(event_type=AuditEventType.PRODUCT_PRICE_CHANGED).get()
    assert (event.extra_data["old"]["price"], event.extra_data["new"]["price"]) == (
        "39.90",
        "29.90",
    )


def test_set_variant_stock_below_allocated_is_refused(shop, owner, channel):
    # given
    product = create_product(shop, _draft(stock=10), channel=channel, actor=owner)
    stock = Stock.objects.get(product_variant=product.default_variant)
    Stock.objects.filter(pk=stock.pk).update(quantity_allocated=4)
    # when
    with pytest.raises(CatalogError) as exc:
        set_variant_stock(product.default_variant, 3, actor=owner)
    # then
    assert exc.value.code == CatalogErrorCode.STOCK_BELOW_ALLOCATED
    stock.refresh_from_db()
    assert stock.quantity == 10
    set_variant_stock(product.default_variant, 4, actor=owner)
    stock.refresh_from_db()
    assert stock.quantity == 4

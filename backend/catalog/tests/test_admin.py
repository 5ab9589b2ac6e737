from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.catalog.models import Category, Channel, Product
from backend.catalog.tests.factories import (
    CategoryFactory,
    ChannelFactory,
    ProductFactory,
    list_product,
)
from backend.producers.models import ProducerKind
from backend.producers.tests.factories import DisabledSellerFactory

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("admin:catalog_product_changelist")


def _listed(response: Any) -> set[str]:
    return {product.name for product in response.context["cl"].result_list}


def _product(**kwargs: Any) -> Product:
    return ProductFactory.create(**kwargs)


def test_product_changelist_filters_by_category_including_subcategories(admin_client):
    # given
    herbs = CategoryFactory.create(name="中药材", slug="herbs")
    roots: Category = CategoryFactory.create(name="根茎类", slug="roots", parent=herbs)
    nuts = CategoryFactory.create(name="坚果", slug="nuts")
    _product(name="党参", category=roots)
    _product(name="核桃", category=nuts)
    # when
    response = admin_client.get(PRODUCTS, {"category__id__inhierarchy": herbs.pk})
    # then
    assert _listed(response) == {"党参"}


def test_product_changelist_filters_by_channel_and_published(admin_client, channel: Channel):
    # given
    other_channel = ChannelFactory.create(name="企业采购", slug="enterprise")
    listed = _product(name="小米")
    list_product(listed, channel)
    only_other = _product(name="山茶油")
    list_product(only_other, other_channel)
    _product(name="未上架的红枣酒")
    # when
    in_default = admin_client.get(PRODUCTS, {"channel": channel.pk})
    published = admin_client.get(PRODUCTS, {"published": "yes"})
    unpublished = admin_client.get(PRODUCTS, {"published": "no"})
    nonsense = admin_client.get(PRODUCTS, {"channel": "abc"})
    # then
    assert _listed(in_default) == {"小米"}
    assert _listed(published) == {"小米", "山茶油"}
    assert _listed(unpublished) == {"未上架的红枣酒"}
    assert nonsense.status_code == 200


def test_product_changelist_filters_by_producer_kind(admin_client):
    # given
    _product(name="小李的党参", producer=DisabledSellerFactory.create())
    _product(name="合作社的核桃")
    # when
    response = admin_client.get(
        PRODUCTS, {"producer__kind__exact": ProducerKind.DISABLED_INDIVIDUAL}
    )
    # then
    assert _listed(response) == {"小李的党参"}


def test_product_changelist_search_by_name_slug_and_sku(admin_client, channel: Channel):
    # given
    walnut = _product(name="成县核桃", slug="chengxian-walnut")
    variant = list_product(walnut, channel)[0]
    _product(name="武乡小米", slug="wuxiang-millet")
    # when
    by_name = admin_client.get(PRODUCTS, {"q": "核桃"})
    by_slug = admin_client.get(PRODUCTS, {"q": "wuxiang"})
    by_sku = admin_client.get(PRODUCTS, {"q": variant.sku})
    # then
    assert _listed(by_name) == {"成县核桃"}
    assert _listed(by_slug) == {"武乡小米"}
    assert _listed(by_sku) == {"成县核桃"}


def test_product_changelist_query_count_does_not_grow_with_rows(admin_client, channel):
    # given
    list_product(_product(), channel)
    admin_client.get(PRODUCTS)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(PRODUCTS)
    for _ in range(19):
        list_product(_product(), channel)
    # when
    with CaptureQueriesContext(connection) as twenty_rows:
        response = admin_client.get(PRODUCTS)
    # then
    assert len(response.context["cl"].result_list) == 20
    assert len(twenty_rows) == len(one_row), "\n".join(q["sql"] for q in twenty_rows)


def test_product_change_page_shows_variant_prices_and_stock(admin_client, channel):
    # given
    product = _product()
    list_product(product, channel, prices=[Decimal("39.90"), Decimal("69.00")], stock=7)
    # when
    response = admin_client.get(reverse("admin:catalog_product_change", args=[product.pk]))
    # then
    html = response.content.decode()
    assert "39.90 CNY" in html
    assert "69.00 CNY" in html
    assert ": 7 / 0" in html


def test_variant_change_page_edits_prices_and_stock_but_not_allocations(admin_client, channel):
    # given
    variant = list_product(_product(), channel)[0]
    # when
    response = admin_client.get(reverse("admin:catalog_productvariant_change", args=[variant.pk]))
    # then
    formset_prefixes = {f.formset.prefix for f in response.context["inline_admin_formsets"]}
    assert {"channel_listings", "stocks"} <= formset_prefixes
    stock_formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "stocks"
    )
    assert "quantity" in stock_formset.forms[0].fields
    assert "quantity_allocated" not in stock_formset.forms[0].fields

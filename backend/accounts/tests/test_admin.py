"""The whole admin site: every registered model's list, search, add and change pages load for a
superuser, and every model of the foundation is reachable from the admin."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse

from backend.accounts.models import User
from backend.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Channel,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    ProductMedia,
)
from backend.catalog.tests.factories import ProductFactory, list_product
from backend.producers.models import ProducerShopLink
from backend.producers.tests.factories import DisabledSellerFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


@pytest.fixture
def catalogue(channel: Channel) -> None:
    """One row of every model, linked the way the demo data links them."""
    producer = DisabledSellerFactory.create()
    ProducerShopLink.objects.create(
        producer=producer, platform="淘宝", url="https://shop.example.test/herbs"
    )
    product = ProductFactory.create(producer=producer)
    variant = list_product(product, channel, prices=[Decimal("39.90")])[0]
    ProductMedia.objects.create(product=product, image="products/dangshen.jpg", alt="党参")
    grade = Attribute.objects.create(slug="grade", name="等级")
    value = AttributeValue.objects.create(attribute=grade, name="特级", slug="special")
    AttributeProduct.objects.create(attribute=grade, product_type=product.product_type)
    AttributeVariant.objects.create(attribute=grade, product_type=product.product_type)
    AssignedProductAttributeValue.objects.create(value=value, product=product)
    AssignedVariantAttributeValue.objects.create(value=value, variant=variant)
    collection = Collection.objects.create(name="秋收", slug="autumn-harvest")
    CollectionProduct.objects.create(collection=collection, product=product)
    CollectionChannelListing.objects.create(
        collection=collection, channel=channel, is_published=True
    )
    Group.objects.create(name="县残联")


def _label(item: tuple[type[models.Model], Any]) -> str:
    return item[0]._meta.label_lower


def _admin_url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[_label(i) for i in REGISTERED])
def test_admin_pages_of_every_registered_model_load(
    admin_client, admin_user, rf, catalogue, model, model_admin
):
    # given: a row of every foundation model (models other apps register later may have none)
    instance = model._default_manager.order_by("pk").first()
    if model._meta.label_lower in FOUNDATION_MODELS:
        assert instance is not None, f"the catalogue fixture has no {model._meta.label}"
    request = rf.get("/")
    request.user = admin_user
    # when
    # (a one-row settings model's list may redirect to its one row: follow it)
    responses = {
        "changelist": admin_client.get(_admin_url(model, "changelist"), follow=True),
        "search": admin_client.get(_admin_url(model, "changelist"), {"q": "党参 1"}, follow=True),
    }
    if model_admin.has_add_permission(request):  # read-only records refuse additions by hand
        responses["add"] = admin_client.get(_admin_url(model, "add"))
    if instance is not None:
        responses["change"] = admin_client.get(_admin_url(model, "change", instance.pk))
    # then
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 200)


FOUNDATION_APPS = ("accounts", "regions", "producers", "catalog", "warehouse")
FOUNDATION_MODELS = {
    "accounts.user",
    "regions.region",
    "producers.producer",
    "producers.producershoplink",
    "catalog.category",
    "catalog.producttype",
    "catalog.attribute",
    "catalog.attributevalue",
    "catalog.attributeproduct",
    "catalog.attributevariant",
    "catalog.assignedproductattributevalue",
    "catalog.assignedvariantattributevalue",
    "catalog.channel",
    "catalog.product",
    "catalog.productchannellisting",
    "catalog.productvariant",
    "catalog.productvariantchannellisting",
    "catalog.productmedia",
    "catalog.collection",
    "catalog.collectionproduct",
    "catalog.collectionchannellisting",
    "warehouse.warehouse",
    "warehouse.stock",
}


def test_admin_site_every_foundation_model_is_registered_or_inline():
    # given
    reachable = {model._meta.label_lower for model in admin.site._registry}
    for model_admin in admin.site._registry.values():
        reachable |= {inline.model._meta.label_lower for inline in model_admin.inlines}
    # when
    missing = FOUNDATION_MODELS - reachable
    # then
    assert missing == set()


def test_user_admin_add_creates_a_user_with_a_mobile_number_only(admin_client):
    # given
    data = {
        "email": "",
        "mobile": "13912345678",
        "name": "县残联工作人员",
        "usable_password": "true",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
    }
    # when
    response = admin_client.post(_admin_url(User, "add"), data)
    # then
    assert response.status_code == 302
    user = User.objects.get(mobile="13912345678")
    assert user.email is None
    assert user.check_password("a long enough passphrase 42")


def test_user_admin_add_without_email_or_mobile_is_refused(admin_client):
    # given
    data = {
        "email": "",
        "mobile": "",
        "name": "无名",
        "usable_password": "true",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
    }
    # when
    response = admin_client.post(_admin_url(User, "add"), data)
    # then
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert errors["__all__"][0].code == "email_or_mobile_required"

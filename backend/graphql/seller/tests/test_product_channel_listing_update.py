from __future__ import annotations

from typing import Any

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import ProductChannelListing
from backend.catalog.tests.factories import ProductFactory
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.operations import PRODUCT_CHANNEL_LISTING_UPDATE

pytestmark = pytest.mark.django_db


def _variables(product: Any, channel_pk: int, published: bool) -> dict[str, Any]:
    return {
        "id": to_global_id("Product", product.pk),
        "input": {
            "updateChannels": [
                {"channelId": to_global_id("Channel", channel_pk), "isPublished": published}
            ]
        },
    }


def test_product_channel_listing_update_unpublish_then_publish_with_audit_rows(
    gql_as, people, shop_product, channel
):
    # given
    post = gql_as("helper_products")

    # when
    off = post(PRODUCT_CHANNEL_LISTING_UPDATE, _variables(shop_product, channel.pk, False))
    on = post(PRODUCT_CHANNEL_LISTING_UPDATE, _variables(shop_product, channel.pk, True))

    # then
    assert off.data["productChannelListingUpdate"]["errors"] == []
    assert on.data["productChannelListingUpdate"]["errors"] == []
    assert ProductChannelListing.objects.get(product=shop_product).is_published
    assert list(
        AuditEvent.objects.filter(actor=people.user("helper_products"))
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [AuditEventType.PRODUCT_UNPUBLISHED, AuditEventType.PRODUCT_PUBLISHED]


def test_product_channel_listing_update_without_price_not_assigned_to_channel(
    gql_as, people, channel
):
    # given
    product = ProductFactory.create(producer=people.shop)
    post = gql_as("owner")

    # when
    response = post(PRODUCT_CHANNEL_LISTING_UPDATE, _variables(product, channel.pk, True))

    # then
    [error] = response.data["productChannelListingUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("isPublished", "PRODUCT_NOT_ASSIGNED_TO_CHANNEL")
    assert not ProductChannelListing.objects.filter(product=product, is_published=True).exists()


def test_product_channel_listing_update_missing_channel_not_found(gql_as, shop_product, channel):
    # given
    post = gql_as("owner")

    # when
    response = post(PRODUCT_CHANNEL_LISTING_UPDATE, _variables(shop_product, 999999, False))

    # then
    [error] = response.data["productChannelListingUpdate"]["errors"]
    assert (error["field"], error["code"]) == ("channelId", "NOT_FOUND")
    assert ProductChannelListing.objects.get(product=shop_product).is_published

"""Campaign prices at checkout and campaign attribution of order lines, through the real
checkout and order services.

The rule: a line added from the campaign's page while the campaign is live sells at the
campaign price (never above the listing price) while the campaign is live; the order records it.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.checkout.fetch import fetch_checkout_info
from backend.checkout.pricing import calculate_checkout_totals
from backend.zone.attribution import attribute_cart_lines
from backend.zone.errors import ZoneError, ZoneErrorCode
from backend.zone.models import Campaign, CampaignCheckoutLine, CampaignOrderLine, CampaignPrice
from backend.zone.tests.scenarios import cart, consent_and_price, order_through

pytestmark = pytest.mark.django_db


def unit_prices(checkout) -> dict[int, Decimal]:  # type: ignore[no-untyped-def]
    totals = calculate_checkout_totals(fetch_checkout_info(checkout))
    return {
        lp.info.variant.pk: lp.unit_price.amount for parcel in totals.parcels for lp in parcel.lines
    }


def test_line_added_through_live_campaign_gets_the_campaign_price(channel, courier, festival):
    # given
    checkout = cart(
        channel,
        courier,
        campaign=festival.campaign,
        through_campaign=[(festival.millet, 2)],
        ordinary=[(festival.oil, 1)],
    )

    # when
    prices = unit_prices(checkout)

    # then
    assert prices == {festival.millet.pk: Decimal("45.00"), festival.oil.pk: Decimal("30.00")}


def test_same_product_added_outside_the_campaign_keeps_the_listing_price(
    channel, courier, festival
):
    # given
    checkout = cart(channel, courier, campaign=festival.campaign, ordinary=[(festival.millet, 1)])

    # then
    assert unit_prices(checkout) == {festival.millet.pk: Decimal("50.00")}


def test_campaign_price_stops_the_moment_the_campaign_ends(channel, courier, festival):
    # given
    checkout = cart(
        channel, courier, campaign=festival.campaign, through_campaign=[(festival.millet, 1)]
    )

    # when: the window closes (a second ago)
    Campaign.objects.filter(pk=festival.campaign.pk).update(
        ends_at=timezone.now() - timedelta(seconds=1)
    )

    # then
    assert unit_prices(checkout) == {festival.millet.pk: Decimal("50.00")}
    order = order_through(checkout)
    assert not CampaignOrderLine.objects.filter(order_line__order=order).exists()


def test_campaign_price_below_a_later_consent_is_not_applied(channel, courier, festival):
    # given: a price row below the consent (written around the service, as a stale row)
    checkout = cart(
        channel, courier, campaign=festival.campaign, through_campaign=[(festival.millet, 1)]
    )
    CampaignPrice.objects.filter(variant=festival.millet).update(amount=Decimal("39.00"))

    # then
    assert unit_prices(checkout) == {festival.millet.pk: Decimal("50.00")}


def test_campaign_price_above_the_listing_price_is_not_charged(channel, courier, festival):
    # given: the producer lowered the listing below the campaign price
    consent_and_price(
        festival.campaign, festival.beans, minimum="19.00", price="25.00", actor=festival.operator
    )
    checkout = cart(
        channel, courier, campaign=festival.campaign, through_campaign=[(festival.beans, 1)]
    )

    # then
    assert unit_prices(checkout) == {festival.beans.pk: Decimal("20.00")}


def test_attribute_cart_lines_refused_when_campaign_not_live(channel, courier, festival):
    # given
    checkout = cart(channel, courier, campaign=festival.campaign, ordinary=[(festival.millet, 1)])
    Campaign.objects.filter(pk=festival.campaign.pk).update(
        starts_at=timezone.now() + timedelta(days=1), ends_at=timezone.now() + timedelta(days=2)
    )
    festival.campaign.refresh_from_db()

    # when
    with pytest.raises(ZoneError) as refused:
        attribute_cart_lines(checkout, festival.campaign, [festival.millet.pk])

    # then
    assert refused.value.code == ZoneErrorCode.CAMPAIGN_NOT_LIVE
    assert not CampaignCheckoutLine.objects.exists()


def test_attribute_cart_lines_ignores_products_not_featured(channel, courier, festival):
    # given
    checkout = cart(channel, courier, campaign=festival.campaign, ordinary=[(festival.oil, 1)])

    # when
    linked = attribute_cart_lines(checkout, festival.campaign, [festival.oil.pk])

    # then
    assert linked == []
    assert unit_prices(checkout) == {festival.oil.pk: Decimal("30.00")}


def test_order_records_lines_bought_through_the_campaign(channel, courier, festival):
    # given
    checkout = cart(
        channel,
        courier,
        campaign=festival.campaign,
        through_campaign=[(festival.millet, 2), (festival.beans, 1)],
        ordinary=[(festival.oil, 1)],
    )

    # when
    order = order_through(checkout)

    # then
    recorded = {
        row.order_line.variant_id: row
        for row in CampaignOrderLine.objects.select_related("order_line").filter(
            order_line__order=order
        )
    }
    assert set(recorded) == {festival.millet.pk, festival.beans.pk}
    millet = recorded[festival.millet.pk]
    assert millet.campaign_id == festival.campaign.pk
    assert millet.unit_price_amount == Decimal("45.00")
    assert millet.campaign_price_applied is True
    assert millet.order_line.total_price_amount == Decimal("90.00")
    assert recorded[festival.beans.pk].unit_price_amount == Decimal("20.00")
    assert recorded[festival.beans.pk].campaign_price_applied is False
    assert order.subtotal_amount == Decimal("140.00")  # 90.00 + 20.00 + 30.00


@pytest.mark.parametrize("size", [1, 3])
def test_campaign_pricing_costs_one_query_whatever_the_number_of_lines(
    channel, courier, festival, django_assert_num_queries, size
):
    # given
    variants = [festival.millet, festival.beans, festival.crisps][:size]
    checkout = cart(
        channel, courier, campaign=festival.campaign, through_campaign=[(v, 1) for v in variants]
    )
    info = fetch_checkout_info(checkout)

    # when / then: the campaign prices of every line in one query
    with django_assert_num_queries(1):
        calculate_checkout_totals(info)


def test_ordinary_cart_pricing_costs_no_campaign_query(
    channel, courier, festival, django_assert_num_queries
):
    # given
    checkout = cart(channel, courier, campaign=festival.campaign, ordinary=[(festival.oil, 2)])
    info = fetch_checkout_info(checkout)

    # when / then
    with django_assert_num_queries(0):
        calculate_checkout_totals(info)

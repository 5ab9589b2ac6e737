"""The operators' campaign report: sales, orders and households reached, with figures worked
out by hand from orders placed through the checkout."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from backend.orders.cancellation import cancel_order
from backend.zone.reports import campaign_report
from backend.zone.tests.scenarios import cart, order_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(channel, courier, festival):  # type: ignore[no-untyped-def]
    # Order 1: millet ×2 through the campaign (45.00 → 90.00), beans ×1 through it (20.00,
    # household H-001), oil ×1 outside it (not counted).
    order_through(
        cart(
            channel,
            courier,
            campaign=festival.campaign,
            through_campaign=[(festival.millet, 2), (festival.beans, 1)],
            ordinary=[(festival.oil, 1)],
        )
    )
    # Order 2: crisps ×3 through the campaign (30.00 → 90.00, household H-002); millet ×1
    # added outside the campaign (not counted).
    order_through(
        cart(
            channel,
            courier,
            campaign=festival.campaign,
            through_campaign=[(festival.crisps, 3)],
            ordinary=[(festival.millet, 1)],
        )
    )
    # Order 3: millet ×1 through the campaign, then cancelled (not counted).
    cancelled = order_through(
        cart(channel, courier, campaign=festival.campaign, through_campaign=[(festival.millet, 1)])
    )
    cancel_order(cancelled, actor=None)
    return festival


def test_campaign_report_counts_sales_orders_and_households(sold):
    # when
    report = campaign_report(sold.campaign)

    # then: 90.00 + 20.00 + 90.00
    assert report.sales.amount == Decimal("200.00")
    assert report.orders == 2
    assert report.lines == 3
    assert report.units == 6
    assert report.producers == 2  # the household and the cooperative
    assert report.households == 3  # the household itself, H-001 and H-002
    assert report.lines_at_campaign_price == 1
    assert sorted((p.quantity, p.sales.amount) for p in report.products) == [
        (1, Decimal("20.00")),
        (2, Decimal("90.00")),
        (3, Decimal("90.00")),
    ]


def test_campaign_report_without_sales_is_all_zero(festival):
    # when
    report = campaign_report(festival.campaign)

    # then
    assert (report.sales.amount, report.orders, report.households) == (Decimal("0.00"), 0, 0)


def test_campaign_report_page_shows_the_figures(client, sold):
    # given
    client.force_login(sold.operator)

    # when
    response = client.get(reverse("admin:zone_campaign_report", args=[sold.campaign.pk]))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<td data-figure="sales">200.00 CNY</td>' in html
    assert '<td data-figure="orders">2</td>' in html
    assert '<td data-figure="households">3</td>' in html


def test_campaign_report_page_is_for_operators_only(client, sold):
    # given: a staff member without the zone's permissions
    from backend.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))

    # when
    response = client.get(reverse("admin:zone_campaign_report", args=[sold.campaign.pk]))

    # then
    assert response.status_code == 403

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.payments.earnings import earnings_for_producer

pytestmark = pytest.mark.django_db


def test_earnings_summary_sums_paid_sales_by_month(shop, place_paid_order):
    # given two paid orders of 2 × 30.00 from this shop
    place_paid_order()
    place_paid_order()
    # when
    summary = earnings_for_producer(shop)
    # then
    assert len(summary.months) == 1
    month = summary.months[0]
    assert month.sale_count == 2
    assert month.sales.amount == Decimal("120.00") + 2 * _shipping(shop)
    assert summary.owed_now.amount == month.net.amount
    assert summary.paid_out_total.amount == Decimal("0")


def _shipping(shop) -> Decimal:  # type: ignore[no-untyped-def]
    entry = shop.ledger_entries.first()
    return entry.sub_order.shipping_amount


def test_earnings_page_explains_and_shows_amount_owed(client, seller, shop, place_paid_order):
    place_paid_order()
    client.force_login(seller)
    html = client.get(f"/en/seller/shop/{shop.pk}/earnings/").content.decode()
    owed = earnings_for_producer(shop).owed_now.amount
    assert f"¥{owed} will be paid to you" in html
    assert "How this works" in html


def test_earnings_page_of_another_shop_is_404(client, shop):
    from backend.accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(f"/en/seller/shop/{shop.pk}/earnings/").status_code == 404

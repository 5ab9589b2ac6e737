"""The statistics demo: after `load_demo()`, a year of orders for the demo shops, loaded twice
without duplicates, and federation operators who read their own regions only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from backend.accounts.models import User
from backend.demo.loading import load_demo
from backend.demo.loading.progstats import (
    BUYER_EMAIL,
    CITY_OPERATOR,
    COUNTY_OPERATOR,
    load_demo_progstats,
)
from backend.orders.models import Order, OrderLine
from backend.payments.models import ProducerLedgerEntry
from backend.regions.models import Region
from backend.statistics.report import region_report
from backend.statistics.scope import access_region

pytestmark = pytest.mark.django_db


def test_load_demo_progstats_twice_a_year_of_orders_once_and_scoped_operators(tmp_path, settings):  # type: ignore[no-untyped-def]
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()  # runs this loader once
    # when it runs twice more
    first = load_demo_progstats()
    counts = (Order.objects.count(), ProducerLedgerEntry.objects.count())
    second = load_demo_progstats()
    # then
    assert first.orders_created == 0
    assert Order.objects.filter(email=BUYER_EMAIL).count() > 100
    assert second.orders_created == 0
    assert counts == (Order.objects.count(), ProducerLedgerEntry.objects.count())
    assert first.shops == second.shops > 10
    months = {
        when.month
        for when in Order.objects.filter(email=BUYER_EMAIL).values_list("created_at", flat=True)
    }
    assert len(months) == timezone.localdate().month
    county = User.objects.get(email=COUNTY_OPERATOR[0])
    city = User.objects.get(email=CITY_OPERATOR[0])
    assert access_region(county, "621221").code == "621221"
    with pytest.raises(Region.DoesNotExist):
        access_region(county, "621123")
    dingxi = access_region(city, "6211")
    year = timezone.localdate().year
    expected = OrderLine.objects.filter(
        order__email=BUYER_EMAIL, producer__region__city_code="6211"
    ).aggregate(total=Sum("total_price_amount"))["total"]
    assert expected > Decimal("0")
    assert region_report(dingxi, year).sales.total.value >= expected

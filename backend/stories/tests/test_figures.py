"""The figures a story quotes, computed from orders when the page is read: exact values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.orders.models import Order, OrderLine, OrderStatus
from backend.stories.figures import StoryFigures, story_figures
from backend.stories.tests.scenarios import online_story
from backend.traceability.tests.scenarios import paid_order

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 25)


def _order_on(channel, courier, variant, quantity, when, *, user=None, household=""):  # type: ignore[no-untyped-def]
    order = paid_order(channel, courier, [(variant, quantity)], user=user)
    Order.objects.filter(pk=order.pk).update(created_at=when)
    if household:
        OrderLine.objects.filter(order=order).update(beneficiary_household_ref=household)
    return order


def test_story_figures_are_exact(channel, people) -> None:
    # given a 10.00 product; this year: 3 + 2 units (two buyers, one a guest) and a cancelled
    # order; the year before: 4 units; three years ago: 9 units (not counted)
    courier = make_courier()
    variant = listed_variant(channel, producer=people.shop, price="10.00", stock=100)
    buyer = UserFactory.create()
    _order_on(channel, courier, variant, 3, datetime(2026, 11, 25, 20, tzinfo=SHANGHAI), user=buyer)
    _order_on(
        channel, courier, variant, 2, datetime(2026, 3, 1, 9, tzinfo=SHANGHAI), household="户A"
    )
    cancelled = _order_on(channel, courier, variant, 7, datetime(2026, 5, 1, tzinfo=SHANGHAI))
    Order.objects.filter(pk=cancelled.pk).update(status=OrderStatus.CANCELLED)
    _order_on(channel, courier, variant, 4, datetime(2025, 11, 25, 23, tzinfo=SHANGHAI), user=buyer)
    _order_on(channel, courier, variant, 9, datetime(2023, 1, 1, tzinfo=SHANGHAI), household="户B")
    # when
    figures = story_figures(people.shop.pk, today=TODAY)
    # then: 12 months to 2026-11-25 inclusive start 2025-11-26; the 2025-11-25 order is the
    # year before
    assert figures == StoryFigures(
        sales_this_year=Decimal("50.00"),
        sales_year_before=Decimal("40.00"),
        households_reached=3,  # the shop itself, 户A, 户B
        buyers=2,  # one account, one guest e-mail
    )
    assert figures.growth_percent == Decimal("25.0")


def test_story_growth_without_sales_the_year_before_is_none() -> None:
    figures = StoryFigures(Decimal("5"), Decimal("0"), 1, 1)
    assert figures.growth_percent is None
    assert StoryFigures(Decimal("1"), Decimal("3"), 1, 1).growth_percent == Decimal("-66.7")


def test_story_page_shows_the_figures(client: Client, channel, people) -> None:
    # given one order of 3 × 10.00 today
    courier = make_courier()
    variant = listed_variant(channel, producer=people.shop, price="10.00", stock=100)
    paid_order(channel, courier, [(variant, 3)])
    story = online_story(people.shop, people.user("owner"))
    # when
    html = client.get(f"/en/stories/{story.slug}/").content.decode()
    # then
    assert "¥30.00" in html
    assert "no sales the year before" in html

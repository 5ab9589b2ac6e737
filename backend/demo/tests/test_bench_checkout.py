"""The checkout section of the bench: real buyer threads, real transactions; the counts add up
and nothing is oversold. (Timings are printed by `make bench`, never asserted.)"""

from __future__ import annotations

import pytest

from backend.catalog.models import ProductVariant
from backend.checkout.tests.factories import ShippingMethodFactory, ShippingRateFactory
from backend.checkout.tests.scenarios import listed_variant
from backend.demo.bench.checkout_throughput import (
    CheckoutScenario,
    default_scenarios,
    run_checkout_bench,
)
from backend.demo.bench.report import checkout_report
from backend.orders.models import Order
from backend.orders.tests.test_concurrency import AVAILABLE_APPS
from backend.warehouse.models import Stock

real_transactions = pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)


@pytest.fixture
def shop(channel):  # type: ignore[no-untyped-def]
    """Three products for sale, and the standard delivery method the bench buyers choose."""
    method = ShippingMethodFactory(slug="standard")  # the migration's, unless flushed before
    if not method.rates.filter(destination_province_code="").exists():
        ShippingRateFactory(method=method)
    return [listed_variant(channel, stock=50) for _ in range(3)]


@real_transactions
def test_checkout_bench_buyers_race_for_stock_and_nothing_is_oversold(shop):
    # given a hot product with 5 units and 3 spread products with 2 units each
    scenarios = [
        CheckoutScenario("hot product", variants=1, stock_each=5),
        CheckoutScenario("spread products", variants=3, stock_each=2),
    ]

    # when 4 buyers share 12 purchases in each
    hot, spread = run_checkout_bench(checkouts=12, buyers=4, scenarios=scenarios)

    # then every unit sold once, the rest found the stock gone, and nothing was oversold
    assert (hot.attempts, hot.completed, hot.sold, hot.stock, hot.oversold) == (12, 5, 5, 5, 0)
    assert sum(hot.errors.values()) == 7
    assert set(hot.errors) <= {"out of stock (adding to cart)", "out of stock (completing)"}
    assert (spread.completed, spread.sold, spread.stock, spread.oversold) == (6, 6, 6, 0)
    assert len(hot.complete_ms) == 5
    assert not Order.objects.exists()
    assert all(s.quantity_allocated == 0 for s in Stock.objects.filter(product_variant__in=shop))
    text = checkout_report([hot, spread], checkouts=12, buyers=4)
    assert "hot product refused: out of stock" in text
    assert "oversold" in text


@real_transactions
def test_checkout_bench_leaves_no_orders_and_the_stock_as_it_found_it(shop):
    # given an earlier run
    run_checkout_bench(checkouts=2, buyers=1, scenarios=[CheckoutScenario("hot product", 1, 1)])
    variant = ProductVariant.objects.filter(pk__in=[v.pk for v in shop]).order_by("product__slug")[
        0
    ]
    before = Stock.objects.get(product_variant=variant)

    # when the bench runs
    (result,) = run_checkout_bench(
        checkouts=4, buyers=2, scenarios=[CheckoutScenario("hot product", 1, 3)]
    )

    # then it counted its own sales, then removed its orders and restored the stock row
    assert (result.completed, result.sold, result.oversold) == (3, 3, 0)
    assert not Order.objects.exists()
    after = Stock.objects.get(product_variant=variant)
    assert (after.quantity, after.quantity_allocated) == (before.quantity, 0) == (50, 0)


def test_default_scenarios_leave_about_a_quarter_sold_out() -> None:
    # given 200 purchases
    # when the default scenarios are built
    hot, spread = default_scenarios(200)

    # then 150 units of one product, and 4 units of each of 40 products (5 purchases each)
    assert (hot.variants, hot.stock_each) == (1, 150)
    assert (spread.variants, spread.stock_each) == (40, 4)

"""The API's batched checkout fetch builds what the domain's `fetch_checkout_info` builds."""

from __future__ import annotations

from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.pricing import calculate_checkout_totals
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.graphql.checkout.fetch import price_checkouts


def test_price_checkouts_same_totals_as_domain_for_several_checkouts(channel, courier):
    # given: two checkouts, fresh goods, two producers, another province
    farm = new_producer()
    oil = listed_variant(channel, producer=farm, price="68.00", weight_grams=1000)
    apples = listed_variant(channel, price="39.90", weight_grams=2500, fresh=True)
    first = ready_checkout(channel, [(oil, 2), (apples, 1)], method=courier)
    second = ready_checkout(channel, [(apples, 3)], method=courier, county_code="650102")
    checkouts = [get_checkout(first.pk), get_checkout(second.pk)]

    # when
    priced = price_checkouts(checkouts)

    # then
    for checkout, mine in zip(checkouts, priced, strict=True):
        expected = calculate_checkout_totals(fetch_checkout_info(checkout))
        assert mine.totals == expected
        assert [li.line.pk for li in mine.info.lines] == [
            li.line.pk for li in fetch_checkout_info(checkout).lines
        ]

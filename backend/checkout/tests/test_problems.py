from __future__ import annotations

from backend.catalog.models import ProductChannelListing
from backend.checkout.errors import CheckoutProblemCode
from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.problems import checkout_problems
from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.warehouse.models import Stock


def problems_of(checkout):  # type: ignore[no-untyped-def]
    return checkout_problems(fetch_checkout_info(get_checkout(checkout.pk)))


def test_checkout_problems_ready_checkout_none(channel, courier):
    # given
    checkout = ready_checkout(channel, [(listed_variant(channel), 2)], method=courier)

    # when
    problems = problems_of(checkout)

    # then
    assert problems == []


def test_checkout_problems_new_checkout_lists_what_is_missing(channel):
    # given
    checkout = create_checkout(channel=channel, actor=None)

    # when
    problems = problems_of(checkout)

    # then
    assert {p.code for p in problems} == {
        CheckoutProblemCode.EMPTY,
        CheckoutProblemCode.EMAIL_REQUIRED,
        CheckoutProblemCode.SHIPPING_ADDRESS_REQUIRED,
        CheckoutProblemCode.DELIVERY_METHOD_REQUIRED,
    }


def test_checkout_problems_unpublished_and_short_lines_reported(channel, courier):
    # given
    gone = listed_variant(channel)
    short = listed_variant(channel, stock=5)
    checkout = ready_checkout(channel, [(gone, 1), (short, 4)], method=courier)
    ProductChannelListing.objects.filter(product=gone.product).update(is_published=False)
    Stock.objects.filter(product_variant=short).update(quantity=3)  # stock count corrected

    # when
    problems = problems_of(checkout)

    # then
    assert {(p.code, p.variant_id, p.available_quantity) for p in problems} == {
        (CheckoutProblemCode.VARIANT_NOT_AVAILABLE, gone.pk, None),
        (CheckoutProblemCode.INSUFFICIENT_STOCK, short.pk, 3),
    }


def test_checkout_problems_method_without_rate_for_destination_not_available(channel):
    # given
    courier = make_courier()
    checkout = ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)
    courier.rates.exclude(destination_province_code="65").delete()  # now ships to Xinjiang only

    # when
    problems = problems_of(checkout)

    # then
    assert [p.code for p in problems] == [CheckoutProblemCode.DELIVERY_METHOD_NOT_AVAILABLE]


def test_checkout_problems_own_reservation_does_not_count_against_itself(channel, courier):
    # given
    variant = listed_variant(channel, stock=2)
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])

    # when
    problems = problems_of(checkout)

    # then
    assert CheckoutProblemCode.INSUFFICIENT_STOCK not in {p.code for p in problems}

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.catalog.models import ProductChannelListing
from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.lines import (
    LineInput,
    add_checkout_lines,
    create_checkout,
    delete_checkout_lines,
    update_checkout_lines,
)
from backend.checkout.models import CheckoutLine
from backend.checkout.tests.scenarios import listed_variant
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Reservation


def quantities(checkout) -> dict[int, int]:  # type: ignore[no-untyped-def]
    return dict(
        CheckoutLine.objects.filter(checkout=checkout).values_list("variant_id", "quantity")
    )


def reserved(checkout) -> int:  # type: ignore[no-untyped-def]
    return sum(
        Reservation.objects.filter(checkout_line__checkout=checkout).values_list(
            "quantity_reserved", flat=True
        )
    )


def test_create_checkout_with_lines_reserves_stock(channel):
    # given
    variant = listed_variant(channel, stock=5)

    # when
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])

    # then
    assert quantities(checkout) == {variant.pk: 2}
    assert reserved(checkout) == 2


def test_add_checkout_lines_same_variant_adds_to_line(channel):
    # given
    variant = listed_variant(channel)
    checkout = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])

    # when
    add_checkout_lines(checkout, [LineInput(variant.pk, 2), LineInput(variant.pk, 1)], actor=None)

    # then
    assert quantities(checkout) == {variant.pk: 4}
    assert reserved(checkout) == 4


def test_update_checkout_lines_zero_quantity_removes_line_and_reservation(channel):
    # given
    keep, drop = listed_variant(channel), listed_variant(channel)
    checkout = create_checkout(
        channel=channel, actor=None, lines=[LineInput(keep.pk, 1), LineInput(drop.pk, 3)]
    )

    # when
    update_checkout_lines(checkout, [LineInput(drop.pk, 0), LineInput(keep.pk, 5)], actor=None)

    # then
    assert quantities(checkout) == {keep.pk: 5}
    assert reserved(checkout) == 5


def test_delete_checkout_lines_foreign_line_not_found_and_nothing_deleted(channel):
    # given
    variant = listed_variant(channel)
    mine = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])
    other = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])
    foreign = other.lines.get()

    # when
    with pytest.raises(CheckoutError) as exc:
        delete_checkout_lines(mine, [mine.lines.get().pk, foreign.pk], actor=None)

    # then
    assert exc.value.errors[0].code == CheckoutErrorCode.NOT_FOUND
    assert exc.value.errors[0].line_ids == (foreign.pk,)
    assert mine.lines.count() == 1


def test_add_checkout_lines_more_than_stock_insufficient_stock_lists_every_line(channel):
    # given
    short_a = listed_variant(channel, stock=2)
    short_b = listed_variant(channel, stock=0)
    fine = listed_variant(channel, stock=9)
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(InsufficientStock) as exc:
        add_checkout_lines(
            checkout,
            [LineInput(short_a.pk, 3), LineInput(fine.pk, 1), LineInput(short_b.pk, 1)],
            actor=None,
        )

    # then
    assert {(s.variant_id, s.requested, s.available) for s in exc.value.shortfalls} == {
        (short_a.pk, 3, 2),
        (short_b.pk, 1, 0),
    }
    assert quantities(checkout) == {}


def test_add_checkout_lines_stock_reserved_by_another_checkout_is_not_available(channel):
    # given
    variant = listed_variant(channel, stock=3)
    create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(InsufficientStock) as exc:
        add_checkout_lines(checkout, [LineInput(variant.pk, 2)], actor=None)

    # then
    assert exc.value.shortfalls[0].available == 1


@override_settings(CHECKOUT_RESERVATION_MINUTES=0)
def test_add_checkout_lines_reservations_off_checks_stock_without_reserving(channel):
    # given
    variant = listed_variant(channel, stock=3)
    checkout = create_checkout(channel=channel, actor=None)

    # when
    add_checkout_lines(checkout, [LineInput(variant.pk, 3)], actor=None)
    with pytest.raises(InsufficientStock):
        add_checkout_lines(checkout, [LineInput(variant.pk, 1)], actor=None)

    # then
    assert quantities(checkout) == {variant.pk: 3}
    assert reserved(checkout) == 0


def test_add_checkout_lines_unpublished_variant_not_available(channel):
    # given
    variant = listed_variant(channel)
    ProductChannelListing.objects.filter(product=variant.product).update(is_published=False)
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        add_checkout_lines(checkout, [LineInput(variant.pk, 1)], actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.VARIANT_NOT_AVAILABLE]
    assert exc.value.errors[0].variant_ids == (variant.pk,)


def test_add_checkout_lines_not_yet_for_purchase_not_available(channel):
    # given
    variant = listed_variant(channel)
    ProductChannelListing.objects.filter(product=variant.product).update(
        available_for_purchase_at=timezone.now() + timedelta(days=1)
    )
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        add_checkout_lines(checkout, [LineInput(variant.pk, 1)], actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.VARIANT_NOT_AVAILABLE]


def test_add_checkout_lines_over_customer_limit_refused(channel):
    # given
    variant = listed_variant(channel, stock=100)
    variant.quantity_limit_per_customer = 3
    variant.save(update_fields=["quantity_limit_per_customer"])
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        add_checkout_lines(checkout, [LineInput(variant.pk, 4)], actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT]


@pytest.mark.parametrize("quantity", [0, -1])
def test_add_checkout_lines_non_positive_quantity_invalid(channel, quantity):
    # given
    variant = listed_variant(channel)
    checkout = create_checkout(channel=channel, actor=None)

    # when
    with pytest.raises(CheckoutError) as exc:
        add_checkout_lines(checkout, [LineInput(variant.pk, quantity)], actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.INVALID_QUANTITY]
    assert exc.value.errors[0].field == "lines"


def test_create_checkout_inactive_channel_refused(channel):
    # given
    channel.is_active = False
    channel.save(update_fields=["is_active"])

    # when
    with pytest.raises(CheckoutError) as exc:
        create_checkout(channel=channel, actor=None)

    # then
    assert exc.value.codes == [CheckoutErrorCode.CHANNEL_INACTIVE]


def test_add_checkout_lines_one_and_ten_lines_same_query_count(channel):
    # given
    variants = [listed_variant(channel) for _ in range(11)]
    one = create_checkout(channel=channel, actor=None)
    ten = create_checkout(channel=channel, actor=None)
    counts = []

    # when
    for checkout, chosen in ((one, variants[:1]), (ten, variants[1:])):
        with CaptureQueriesContext(connection) as ctx:
            add_checkout_lines(checkout, [LineInput(v.pk, 1) for v in chosen], actor=None)
        counts.append(len(ctx.captured_queries))

    # then
    # lock, current lines, 3 to check the variants are for sale, existing lines, insert lines,
    # lock stock, drop old reservations, reserved by others, insert reservations, touch,
    # and 2 savepoint statements
    assert counts == [14, 14]

from __future__ import annotations

import pytest

from backend.checkout.errors import CheckoutError, CheckoutErrorCode
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.merge import merge_anonymous_checkout_into_user
from backend.checkout.models import Checkout, CheckoutLine
from backend.checkout.tests.scenarios import listed_variant, new_user
from backend.warehouse.models import Reservation, Stock


def lines_of(checkout) -> dict[int, int]:  # type: ignore[no-untyped-def]
    return dict(
        CheckoutLine.objects.filter(checkout=checkout).values_list("variant_id", "quantity")
    )


def test_merge_anonymous_checkout_no_earlier_cart_becomes_users(channel, buyer):
    # given
    variant = listed_variant(channel)
    anonymous = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])

    # when
    merged = merge_anonymous_checkout_into_user(anonymous, buyer, actor=buyer)

    # then
    merged.refresh_from_db()
    assert merged.pk == anonymous.pk
    assert merged.user == buyer
    assert merged.email == buyer.email
    assert lines_of(merged) == {variant.pk: 2}


def test_merge_anonymous_checkout_earlier_cart_lines_added_and_earlier_deleted(channel, buyer):
    # given
    both, only_earlier, only_new = (listed_variant(channel, stock=10) for _ in range(3))
    earlier = create_checkout(
        channel=channel,
        actor=buyer,
        user=buyer,
        lines=[LineInput(both.pk, 1), LineInput(only_earlier.pk, 4)],
    )
    anonymous = create_checkout(
        channel=channel, actor=None, lines=[LineInput(both.pk, 2), LineInput(only_new.pk, 1)]
    )

    # when
    merged = merge_anonymous_checkout_into_user(anonymous, buyer, actor=buyer)

    # then
    assert lines_of(merged) == {both.pk: 3, only_earlier.pk: 4, only_new.pk: 1}
    assert not Checkout.objects.filter(pk=earlier.pk).exists()
    assert dict(
        Reservation.objects.filter(checkout_line__checkout=merged).values_list(
            "checkout_line__variant_id", "quantity_reserved"
        )
    ) == {both.pk: 3, only_earlier.pk: 4, only_new.pk: 1}


def test_merge_anonymous_checkout_short_stock_keeps_line_and_reserves_what_there_is(channel, buyer):
    # given
    variant = listed_variant(channel, stock=5)
    create_checkout(channel=channel, actor=buyer, user=buyer, lines=[LineInput(variant.pk, 2)])
    anonymous = create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])
    Stock.objects.filter(product_variant=variant).update(quantity=3)  # stock count corrected

    # when
    merged = merge_anonymous_checkout_into_user(anonymous, buyer, actor=buyer)

    # then
    assert lines_of(merged) == {variant.pk: 4}
    assert Reservation.objects.get(checkout_line__checkout=merged).quantity_reserved == 3


def test_merge_anonymous_checkout_of_another_user_not_found(channel, buyer):
    # given
    someone_else = new_user()
    theirs = create_checkout(channel=channel, actor=someone_else, user=someone_else)

    # when
    with pytest.raises(CheckoutError) as exc:
        merge_anonymous_checkout_into_user(theirs, buyer, actor=buyer)

    # then
    assert exc.value.codes == [CheckoutErrorCode.NOT_FOUND]
    theirs.refresh_from_db()
    assert theirs.user == someone_else

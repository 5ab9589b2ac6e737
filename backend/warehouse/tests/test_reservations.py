from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from backend.checkout.lines import LineInput, add_checkout_lines, create_checkout
from backend.checkout.tasks import release_expired_reservations_task
from backend.checkout.tests.scenarios import listed_variant
from backend.warehouse.availability import available_quantities
from backend.warehouse.errors import InsufficientStock
from backend.warehouse.models import Reservation
from backend.warehouse.reservations import release_expired_reservations


@override_settings(CHECKOUT_RESERVATION_MINUTES=15)
def test_reserve_stocks_lasts_configured_minutes(channel):
    # given
    variant = listed_variant(channel, stock=4)
    before = timezone.now()

    # when
    create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])

    # then
    until = Reservation.objects.get().reserved_until
    assert before + timedelta(minutes=15) <= until <= timezone.now() + timedelta(minutes=15)


def test_expired_reservation_frees_its_stock_for_other_buyers(channel):
    # given
    variant = listed_variant(channel, stock=2)
    create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 2)])
    later = create_checkout(channel=channel, actor=None)
    with pytest.raises(InsufficientStock):
        add_checkout_lines(later, [LineInput(variant.pk, 1)], actor=None)

    # when
    Reservation.objects.update(reserved_until=timezone.now() - timedelta(seconds=1))

    # then
    assert available_quantities([variant.pk]) == {variant.pk: 2}
    add_checkout_lines(later, [LineInput(variant.pk, 2)], actor=None)
    assert Reservation.objects.filter(checkout_line__checkout=later).get().quantity_reserved == 2


def test_release_expired_reservations_deletes_only_lapsed_rows(channel):
    # given
    lapsed, current = listed_variant(channel), listed_variant(channel)
    create_checkout(channel=channel, actor=None, lines=[LineInput(lapsed.pk, 1)])
    create_checkout(channel=channel, actor=None, lines=[LineInput(current.pk, 1)])
    Reservation.objects.filter(stock__product_variant=lapsed).update(
        reserved_until=timezone.now() - timedelta(minutes=1)
    )

    # when
    deleted = release_expired_reservations_task.delay().get()

    # then
    assert deleted == 1
    assert list(Reservation.objects.values_list("stock__product_variant_id", flat=True)) == [
        current.pk
    ]


def test_release_expired_reservations_explicit_now_is_respected(channel):
    # given
    variant = listed_variant(channel)
    create_checkout(channel=channel, actor=None, lines=[LineInput(variant.pk, 1)])

    # when
    deleted = release_expired_reservations(now=timezone.now() + timedelta(hours=1))

    # then
    assert deleted == 1
    assert not Reservation.objects.exists()

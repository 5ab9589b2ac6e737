""" "Cannot deliver", answered before payment: the parcels no courier can take to the address are
problems of their lines, and completion refuses them (no order, no payment, no stock change)."""

from __future__ import annotations

import pytest

from backend.checkout.errors import CheckoutNotReady, CheckoutProblemCode
from backend.checkout.fetch import fetch_checkout_info, get_checkout
from backend.checkout.lines import LineInput, add_checkout_lines, create_checkout
from backend.checkout.models import ShippingMethod, ShippingRate
from backend.checkout.problems import checkout_problems
from backend.checkout.tests.factories import ShippingRateFactory, shipping_method
from backend.checkout.tests.scenarios import listed_variant, new_producer, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import Order
from backend.payments.models import Payment
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_courier(db):  # type: ignore[no-untyped-def]
    """The one active courier: 8.00 nationwide, a 12.00 cold chain everywhere."""
    ShippingMethod.objects.update(is_active=False)
    method = shipping_method(supports_cold_chain=True)
    ShippingRateFactory(method=method)
    return method


def _stock(variant):  # type: ignore[no-untyped-def]
    return Stock.objects.filter(product_variant=variant).values_list(
        "quantity", "quantity_allocated"
    )[0]


def test_complete_checkout_no_courier_serves_the_address_refused_nothing_written(
    channel, only_courier
):
    # given a checkout ready for Beijing, then the courier stops serving anywhere but Shanghai
    dry = listed_variant(channel, producer=new_producer(), stock=5)
    other = listed_variant(channel, producer=new_producer(), stock=5)
    checkout = ready_checkout(channel, [(dry, 2), (other, 1)], method=only_courier)
    ShippingRate.objects.filter(method=only_courier).update(destination_province_code="31")
    before = (_stock(dry), _stock(other))

    # when
    with pytest.raises(CheckoutNotReady) as exc:
        complete_checkout(checkout, actor=None, gateway="offline.bank_transfer")

    # then: each line of each parcel says why, nothing was written
    codes = sorted((p.code, p.variant_id) for p in exc.value.problems if p.line_id)
    assert codes == sorted(
        [
            (CheckoutProblemCode.NOT_DELIVERABLE, dry.pk),
            (CheckoutProblemCode.NOT_DELIVERABLE, other.pk),
        ]
    )
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert (_stock(dry), _stock(other)) == before


def test_complete_checkout_fresh_parcel_without_cold_chain_there_refused_dry_parcel_fine(
    channel, only_courier
):
    # given: a dry courier reaches Beijing; the only cold chain serves Shanghai alone
    only_courier.supports_cold_chain = False
    only_courier.save(update_fields=["supports_cold_chain"])
    cold = shipping_method(supports_cold_chain=True)
    ShippingRateFactory(method=cold, destination_province_code="31")
    fresh = listed_variant(channel, producer=new_producer(), fresh=True, stock=5)
    dry = listed_variant(channel, producer=new_producer(), stock=5)
    checkout = ready_checkout(channel, [(dry, 1)], method=only_courier)
    add_checkout_lines(checkout, [LineInput(fresh.pk, 1)], actor=None)
    before = _stock(fresh)

    # when
    problems = checkout_problems(fetch_checkout_info(get_checkout(checkout.pk)))
    with pytest.raises(CheckoutNotReady) as exc:
        complete_checkout(checkout, actor=None, gateway="offline.bank_transfer")

    # then: the fresh line cannot go cold there; the dry parcel is not a problem
    line_problems = [(p.code, p.variant_id) for p in problems if p.line_id]
    assert line_problems == [(CheckoutProblemCode.COLD_CHAIN_NOT_AVAILABLE, fresh.pk)]
    assert CheckoutProblemCode.COLD_CHAIN_NOT_AVAILABLE in {p.code for p in exc.value.problems}
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert _stock(fresh) == before


def test_checkout_problems_before_an_address_no_delivery_problem(channel, only_courier):
    # given a checkout without an address
    variant = listed_variant(channel, fresh=True)
    checkout = create_checkout(
        channel=channel, actor=None, user=None, email="a@example.test",
        lines=[LineInput(variant.pk, 1)],
    )  # fmt: skip

    # when
    problems = checkout_problems(fetch_checkout_info(get_checkout(checkout.pk)))

    # then: only what is missing, nothing about delivering yet
    assert {p.code for p in problems} == {
        CheckoutProblemCode.SHIPPING_ADDRESS_REQUIRED,
        CheckoutProblemCode.DELIVERY_METHOD_REQUIRED,
    }

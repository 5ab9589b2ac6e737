"""The checkout admin: read-only checkouts with their lines, and shipping methods with rates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.checkout.models import Checkout, ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, new_user, ready_checkout

pytestmark = pytest.mark.django_db

CHECKOUTS = reverse("admin:checkout_checkout_changelist")


def test_checkout_pages_load_and_search_by_token_email_or_sku(admin_client, channel, courier):
    # given two checkouts, one of a signed-in buyer with two lines
    ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)
    variant = listed_variant(channel)
    buyer = new_user(email="cart-owner@example.test")
    wanted = ready_checkout(
        channel, [(variant, 2), (listed_variant(channel), 1)], method=courier, user=buyer
    )

    # when
    change = admin_client.get(reverse("admin:checkout_checkout_change", args=[wanted.pk]))
    found = {
        term: [c.pk for c in admin_client.get(CHECKOUTS, {"q": term}).context["cl"].result_list]
        for term in (str(wanted.pk), "cart-owner@example", variant.sku)
    }

    # then
    assert change.status_code == 200
    assert variant.sku in change.content.decode()
    assert found == {term: [wanted.pk] for term in found}
    row = admin_client.get(CHECKOUTS, {"q": variant.sku}).context["cl"].result_list[0]
    assert row.line_count == 2


def test_checkout_changelist_query_count_same_for_one_and_many(admin_client, channel, courier):
    # given
    ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)
    admin_client.get(CHECKOUTS)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(CHECKOUTS)
    for _ in range(4):
        ready_checkout(
            channel, [(listed_variant(channel), 1), (listed_variant(channel), 2)], method=courier
        )

    # when
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(CHECKOUTS)

    # then
    assert len(response.context["cl"].result_list) == 5
    assert len(many) == len(one), "\n".join(q["sql"] for q in many.captured_queries)


def test_checkout_admin_is_read_only(admin_client, channel, courier):
    # given
    checkout = ready_checkout(channel, [(listed_variant(channel), 1)], method=courier)

    # when
    add = admin_client.get(reverse("admin:checkout_checkout_add"))
    delete = admin_client.post(
        reverse("admin:checkout_checkout_delete", args=[checkout.pk]), {"post": "yes"}
    )

    # then
    assert (add.status_code, delete.status_code) == (403, 403)
    assert Checkout.objects.filter(pk=checkout.pk).exists()


def test_shipping_method_added_with_a_nationwide_rate(admin_client):
    # given
    data = {
        "name": "同城配送",
        "slug": "same-city",
        "description": "",
        "supports_cold_chain": "on",
        "is_active": "on",
        "sort_order": "5",
        "rates-TOTAL_FORMS": "1",
        "rates-INITIAL_FORMS": "0",
        "rates-0-destination_province_code": "",
        "rates-0-first_weight_grams": "1000",
        "rates-0-first_price_amount": "6.00",
        "rates-0-step_weight_grams": "1000",
        "rates-0-step_price_amount": "2.00",
        "rates-0-cold_chain_surcharge_amount": "5.00",
    }

    # when
    response = admin_client.post(reverse("admin:checkout_shippingmethod_add"), data)

    # then
    assert response.status_code == 302
    rate = ShippingMethod.objects.get(slug="same-city").rates.get()
    assert (rate.first_price_amount, rate.cold_chain_surcharge_amount) == (
        Decimal("6.00"),
        Decimal("5.00"),
    )

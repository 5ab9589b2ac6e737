"""The demo's orders, placed through the services by `load_demo`, as an operator sees them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from backend.accounts.models import User
from backend.catalog.models import Channel
from backend.checkout.tests.factories import ShippingMethodFactory, ShippingRateFactory
from backend.demo.loading import load_demo
from backend.demo.loading.orders import DEMO_ORDERS, load_demo_orders
from backend.orders.lookups import orders_for_customer
from backend.orders.models import Fulfillment, Order, OrderEvent, OrderStatus, PaymentStatus
from backend.payments.models import Payment, PaymentState, ProducerLedgerEntry
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_with_orders(tmp_path: Path):  # type: ignore[no-untyped-def]
    # The demo orders use the migration's standard delivery; tests with real transactions
    # flush the checkout tables, so make sure it is there whatever ran before.
    method = ShippingMethodFactory(slug="standard")
    if not method.rates.filter(destination_province_code="").exists():
        ShippingRateFactory(method=method)
    with override_settings(MEDIA_ROOT=str(tmp_path), PASSWORD_HASHERS=FAST_HASHERS):
        yield load_demo()


def test_load_demo_places_the_customer_orders_in_each_operator_state(demo_with_orders):
    # given the demo loaded at the top level (its services open their own transactions)
    customer = User.objects.get(email="buyer@demo.sunshine.test")

    # when the customer's order history is read
    orders = {o.recipient_name: o for o in orders_for_customer(customer)}

    # then there is one order awaiting a bank transfer, one paid and confirmed, one shipped
    # with tracking numbers and one cash-on-delivery order confirmed before payment; the
    # delivery demo adds a fifth, shipped to a pickup point
    assert demo_with_orders.orders == 4
    states = {name: (o.status, o.payment_status) for name, o in orders.items()}
    assert states == {
        "周晓舟": (OrderStatus.UNCONFIRMED, PaymentStatus.NOT_CHARGED),
        "周桂芳": (OrderStatus.UNFULFILLED, PaymentStatus.FULLY_CHARGED),
        "周建国": (OrderStatus.FULFILLED, PaymentStatus.FULLY_CHARGED),
        "李小梅": (OrderStatus.UNFULFILLED, PaymentStatus.NOT_CHARGED),
        "王小禾": (OrderStatus.FULFILLED, PaymentStatus.FULLY_CHARGED),
    }
    assert orders["周桂芳"].sub_orders.count() == 2
    assert sorted(
        Fulfillment.objects.filter(sub_order__order=orders["周建国"]).values_list(
            "tracking_number", flat=True
        )
    ) == ["1187654321098", "SF1400298765432"]
    assert Payment.objects.get(order=orders["周晓舟"]).state == PaymentState.PENDING
    assert ProducerLedgerEntry.objects.filter(sub_order__order__in=orders.values()).count() == 5
    operator = User.objects.get(email="operator@demo.sunshine.test")
    assert OrderEvent.objects.filter(user=operator).exists()


def test_load_demo_twice_places_the_orders_once(demo_with_orders, tmp_path):
    # given the demo loaded once
    counts = (Order.objects.count(), OrderEvent.objects.count(), Fulfillment.objects.count())

    # when it is loaded again
    with override_settings(MEDIA_ROOT=str(tmp_path), PASSWORD_HASHERS=FAST_HASHERS):
        again = load_demo()

    # then the same orders are found and nothing was added
    assert again.orders == 4
    assert (Order.objects.count(), OrderEvent.objects.count(), Fulfillment.objects.count()) == (
        counts
    )


def test_demo_orders_listed_in_the_admin_with_operations(admin_client, demo_with_orders):
    # given
    awaiting = Order.objects.get(recipient_name="周晓舟")

    # when
    listing = admin_client.get(reverse("admin:orders_order_changelist"))
    page = admin_client.get(reverse("admin:orders_order_change", args=[awaiting.pk]))

    # then: the newest orders fill the first page (the demo holds a year of statistics orders)
    shown = listing.context["cl"].result_list
    assert len(shown) == min(Order.objects.count(), listing.context["cl"].list_per_page)
    assert Order.objects.count() > 4
    assert reverse("admin:orders_order_confirm_payment", args=[awaiting.pk]) in (
        page.content.decode()
    )


def test_demo_order_whose_products_sold_out_is_left_out(demo_with_orders):
    # given a new demo order for a product nobody can buy any more
    customer = User.objects.get(email="buyer@demo.sunshine.test")
    operator = User.objects.get(email="operator@demo.sunshine.test")
    definition = replace(DEMO_ORDERS[0], recipient="周新")
    sku = definition.lines[0][0]
    Stock.objects.filter(product_variant__sku=sku).update(quantity=F("quantity_allocated"))

    # when the demo orders are loaded
    orders = load_demo_orders(
        Channel.objects.get(), customer=customer, operator=operator, definitions=[definition]
    )

    # then it is left out, and the load goes on
    assert orders == []
    assert not Order.objects.filter(recipient_name="周新").exists()

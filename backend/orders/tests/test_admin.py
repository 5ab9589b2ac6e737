"""The operator admin for orders: pages, search and filters, constant query counts, and each
operation's success and refusal through the real services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts.models import User
from backend.catalog.models import Channel, ProductVariant
from backend.checkout.models import ShippingMethod
from backend.checkout.tests.scenarios import listed_variant, new_producer, new_user, ready_checkout
from backend.orders.complete_checkout import complete_checkout
from backend.orders.fulfilment import fulfil_sub_order
from backend.orders.models import (
    Fulfillment,
    Order,
    OrderEvent,
    OrderEventType,
    OrderStatus,
    PaymentStatus,
)
from backend.payments.models import Payment, PaymentState, ProducerLedgerEntry
from backend.payments.offline import confirm_offline_payment
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db

BANK = "offline.bank_transfer"
ORDERS = reverse("admin:orders_order_changelist")
SUB_ORDERS = reverse("admin:orders_suborder_changelist")


def place_order(
    channel: Channel,
    method: ShippingMethod,
    *,
    producers: int = 2,
    quantity: int = 1,
    gateway: str = BANK,
    variants: Sequence[ProductVariant] = (),
) -> Order:
    """An order through checkout, one line per producer (new producers unless `variants`)."""
    chosen = list(variants) or [
        listed_variant(channel, producer=new_producer()) for _ in range(producers)
    ]
    checkout = ready_checkout(channel, [(v, quantity) for v in chosen], method=method)
    return complete_checkout(checkout, actor=None, gateway=gateway)


def paid_order(channel: Channel, method: ShippingMethod, **kwargs: Any) -> Order:
    order = place_order(channel, method, **kwargs)
    confirm_offline_payment(order, actor=None)
    order.refresh_from_db()
    return order


def operation_url(model: str, name: str, pk: int) -> str:
    return reverse(f"admin:orders_{model}_{name}", args=[pk])


def error_codes(response: Any) -> dict[str, list[str | None]]:
    """The form's errors by field ("__all__": refusals of the service), as codes: the admin
    speaks the site's language, and these do not depend on it."""
    errors = response.context["form"].errors.as_data()
    return {field: [e.code for e in field_errors] for field, field_errors in errors.items()}


def refusal(response: Any) -> str:
    """The one refusal shown on the page (its text, in whatever language the page is in)."""
    (error,) = response.context["form"].non_field_errors()
    assert error in response.content.decode()
    return str(error)


def action(client: Client, url: str, name: str, pks: list[int], **data: Any) -> Any:
    return client.post(url, {"action": name, "_selected_action": pks, **data})


# --- Pages --------------------------------------------------------------------------------


def test_order_admin_pages_load_for_superuser(admin_client, channel, courier):
    # given a paid, partly shipped order
    order = paid_order(channel, courier)
    sub_order = order.sub_orders.first()
    assert sub_order is not None
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政", tracking_number="EMS001")
    pages = [
        ORDERS,
        reverse("admin:orders_order_change", args=[order.pk]),
        SUB_ORDERS,
        reverse("admin:orders_suborder_change", args=[sub_order.pk]),
        *(operation_url("order", op, order.pk) for op in ("confirm_payment", "cancel", "refund")),
        *(operation_url("suborder", op, sub_order.pk) for op in ("ship", "received", "refund")),
    ]

    # when
    statuses = {page: admin_client.get(page).status_code for page in pages}

    # then
    assert statuses == dict.fromkeys(pages, 200)


def test_order_change_page_shows_lines_shipments_history_and_buttons(
    admin_client, channel, courier
):
    # given
    order = paid_order(channel, courier, producers=1)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="顺丰速运", tracking_number="SF1234567890")

    # when
    response = admin_client.get(reverse("admin:orders_order_change", args=[order.pk]))

    # then
    html = response.content.decode()
    assert "SF1234567890" in html
    assert order.lines.get().product_sku in html
    assert operation_url("order", "refund", order.pk) in html
    assert operation_url("suborder", "received", sub_order.pk) in html
    assert operation_url("order", "cancel", order.pk) not in html  # paid: refunded, not cancelled
    assert OrderEvent.objects.filter(order=order).count() >= 4
    assert "payment_captured" in html


def test_order_changelist_query_count_same_for_one_and_many_orders(admin_client, channel, courier):
    # given one order of two producers
    place_order(channel, courier)
    admin_client.get(ORDERS)
    with CaptureQueriesContext(connection) as one:
        first = admin_client.get(ORDERS)
    # and then five more, paid or not, of other producers
    for _ in range(3):
        place_order(channel, courier, producers=3)
    for _ in range(2):
        paid_order(channel, courier)

    # when
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(ORDERS)

    # then
    assert len(first.context["cl"].result_list) == 1
    assert len(response.context["cl"].result_list) == 6
    assert len(many) == len(one), "\n".join(q["sql"] for q in many.captured_queries)


def test_sub_order_changelist_query_count_same_for_one_and_many(admin_client, channel, courier):
    # given
    place_order(channel, courier, producers=1)
    admin_client.get(SUB_ORDERS)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(SUB_ORDERS)
    for _ in range(4):
        place_order(channel, courier, producers=2)

    # when
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(SUB_ORDERS)

    # then
    assert len(response.context["cl"].result_list) == 9
    assert len(many) == len(one), "\n".join(q["sql"] for q in many.captured_queries)


@pytest.mark.parametrize("key", ["number", "hash_number", "token", "email", "sku"])
def test_order_search_by_number_token_email_or_sku_finds_that_order(
    admin_client, channel, courier, buyer, key
):
    # given two orders; the wanted one is the signed-in buyer's
    place_order(channel, courier, producers=1)
    variant = listed_variant(channel)
    checkout = ready_checkout(channel, [(variant, 1)], method=courier, user=buyer)
    wanted = complete_checkout(checkout, actor=buyer, gateway=BANK)
    term = {
        "number": str(wanted.pk),
        "hash_number": f"#{wanted.pk}",
        "token": str(wanted.token),
        "email": "buyer-user@example",
        "sku": variant.sku,
    }[key]

    # when
    response = admin_client.get(ORDERS, {"q": term})

    # then
    assert [o.pk for o in response.context["cl"].result_list] == [wanted.pk]


def test_order_filters_by_status_payment_method_and_producer(admin_client, channel, courier):
    # given a paid order and an unpaid one of another producer
    producer = new_producer()
    paid = paid_order(channel, courier, variants=[listed_variant(channel, producer=producer)])
    unpaid = place_order(channel, courier, producers=1)

    # when
    def listed(**params: str) -> list[int]:
        response = admin_client.get(ORDERS, params)
        return [o.pk for o in response.context["cl"].result_list]

    # then
    assert listed(payment_status__exact=PaymentStatus.FULLY_CHARGED) == [paid.pk]
    assert listed(status__exact=OrderStatus.UNCONFIRMED) == [unpaid.pk]
    assert listed(producer=str(producer.pk)) == [paid.pk]
    assert listed(gateway=BANK) == [unpaid.pk, paid.pk]
    assert listed(producer="not-a-number") == []


# --- Operations: success ------------------------------------------------------------------


def test_confirm_payment_action_confirms_each_selected_order_as_the_operator(
    admin_client, admin_user, channel, courier
):
    # given two orders awaiting a bank transfer
    orders = [place_order(channel, courier), place_order(channel, courier, producers=1)]
    pks = [o.pk for o in orders]

    # when the operator picks the action, sees the confirmation page, then confirms
    page = action(admin_client, ORDERS, "confirm_payment", pks)
    response = action(admin_client, ORDERS, "confirm_payment", pks, operate="yes")

    # then
    assert page.status_code == 200
    assert sorted(row.label for row in page.context["rows"]) == sorted(str(o) for o in orders)
    assert response.status_code == 302
    for order in orders:
        order.refresh_from_db()
        assert order.payment_status == PaymentStatus.FULLY_CHARGED
        assert order.status == OrderStatus.UNFULFILLED
        event = OrderEvent.objects.get(order=order, type=OrderEventType.PAYMENT_CAPTURED)
        assert event.user == admin_user
    assert ProducerLedgerEntry.objects.count() == 3
    assert Payment.objects.filter(state=PaymentState.CHARGED).count() == 2


def test_cancel_operation_cancels_unpaid_order_and_releases_stock(
    admin_client, admin_user, channel, courier
):
    # given
    variant = listed_variant(channel, stock=5)
    order = place_order(channel, courier, variants=[variant], quantity=2)
    url = operation_url("order", "cancel", order.pk)

    # when
    response = admin_client.post(url, {"operate": "yes"})

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:orders_order_change", args=[order.pk])
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 0
    event = OrderEvent.objects.get(order=order, type=OrderEventType.CANCELLED)
    assert event.user == admin_user
    assert Payment.objects.get(order=order).state == PaymentState.CANCELLED


def test_confirm_order_operation_confirms_cash_on_delivery_before_payment(
    admin_client, channel, courier
):
    # given
    order = place_order(channel, courier, gateway="offline.cash_on_delivery")

    # when
    response = admin_client.post(operation_url("order", "confirm", order.pk), {"operate": "yes"})

    # then
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (
        OrderStatus.UNFULFILLED,
        PaymentStatus.NOT_CHARGED,
    )


def test_ship_operation_records_carrier_tracking_and_quantities(
    admin_client, admin_user, channel, courier
):
    # given a paid sub-order with one line of 3
    order = paid_order(channel, courier, producers=1, quantity=3)
    sub_order = order.sub_orders.get()
    line = order.lines.get()
    url = operation_url("suborder", "ship", sub_order.pk)

    # when two of the three ship
    page = admin_client.get(url)
    response = admin_client.post(
        url,
        {
            "operate": "yes",
            "carrier": " 中国邮政 ",
            "tracking_number": "EMS1234",
            f"line_{line.pk}": "2",
        },
    )

    # then
    assert page.context["form"].fields[f"line_{line.pk}"].initial == 3
    assert response.status_code == 302
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.PARTIALLY_FULFILLED
    parcel = Fulfillment.objects.get(sub_order=sub_order)
    assert (parcel.carrier, parcel.tracking_number) == ("中国邮政", "EMS1234")
    event = OrderEvent.objects.get(order=order, type=OrderEventType.FULFILLED)
    assert (event.user, event.data["tracking_number"]) == (admin_user, "EMS1234")


def test_ship_action_on_several_sub_orders_ships_everything_left(admin_client, channel, courier):
    # given
    order = paid_order(channel, courier, producers=2)
    pks = list(order.sub_orders.values_list("pk", flat=True))

    # when
    response = action(
        admin_client, SUB_ORDERS, "ship", pks, operate="yes", carrier="县级物流中心合并发货"
    )

    # then
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert Fulfillment.objects.filter(sub_order__order=order).count() == 2


def test_received_operation_completes_a_shipped_sub_order(admin_client, channel, courier):
    # given
    order = paid_order(channel, courier, producers=1)
    sub_order = order.sub_orders.get()
    fulfil_sub_order(sub_order, actor=None, carrier="中国邮政", tracking_number="EMS9")

    # when
    admin_client.post(operation_url("suborder", "received", sub_order.pk), {"operate": "yes"})

    # then
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.COMPLETED


# --- Operations: refusals -----------------------------------------------------------------


def test_cancel_paid_order_refused_with_a_clear_error_and_nothing_changed(
    admin_client, channel, courier
):
    # given
    order = paid_order(channel, courier)

    # when
    response = admin_client.post(operation_url("order", "cancel", order.pk), {"operate": "yes"})

    # then
    assert response.status_code == 200
    assert error_codes(response) == {"__all__": ["order_is_paid"]}
    assert refusal(response).startswith(f"{order}: ")
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED


def test_cancel_action_mixed_selection_cancels_unpaid_and_reports_the_paid_one(
    admin_client, channel, courier
):
    # given
    unpaid = place_order(channel, courier)
    paid = paid_order(channel, courier)

    # when
    response = action(admin_client, ORDERS, "cancel", [unpaid.pk, paid.pk], operate="yes")

    # then
    assert response.status_code == 302
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert (unpaid.status, paid.status) == (OrderStatus.CANCELLED, OrderStatus.UNFULFILLED)
    notes = list(admin_client.get(response["Location"]).context["messages"])
    assert [m.level_tag for m in notes] == ["success", "error"]
    assert str(notes[1]).startswith(f"{paid}: ")


def test_received_on_unshipped_sub_order_refused_as_illegal_transition(
    admin_client, channel, courier
):
    # given
    order = paid_order(channel, courier, producers=1)
    sub_order = order.sub_orders.get()

    # when
    url = operation_url("suborder", "received", sub_order.pk)
    response = admin_client.post(url, {"operate": "yes"})

    # then
    assert error_codes(response) == {"__all__": ["illegal_status_transition"]}
    assert str(sub_order.pk) in refusal(response).removeprefix(f"{sub_order}: ")
    sub_order.refresh_from_db()
    assert sub_order.status == OrderStatus.UNFULFILLED


def test_ship_more_than_left_or_without_carrier_refused_by_the_form(admin_client, channel, courier):
    # given
    order = paid_order(channel, courier, producers=1, quantity=2)
    sub_order = order.sub_orders.get()
    line = order.lines.get()
    url = operation_url("suborder", "ship", sub_order.pk)

    # when
    too_many = admin_client.post(
        url, {"operate": "yes", "carrier": "中国邮政", f"line_{line.pk}": "3"}
    )
    no_carrier = admin_client.post(url, {"operate": "yes", f"line_{line.pk}": "1"})
    nothing = admin_client.post(
        url, {"operate": "yes", "carrier": "中国邮政", f"line_{line.pk}": "0"}
    )

    # then
    assert error_codes(too_many) == {f"line_{line.pk}": ["max_value"]}
    assert error_codes(no_carrier) == {"carrier": ["required"]}
    assert error_codes(nothing) == {"__all__": ["nothing_to_ship"]}
    assert not Fulfillment.objects.exists()


def test_ship_unpaid_unconfirmed_sub_order_refused(admin_client, channel, courier):
    # given
    order = place_order(channel, courier, producers=1)
    sub_order = order.sub_orders.get()

    # when
    response = admin_client.post(
        operation_url("suborder", "ship", sub_order.pk),
        {"operate": "yes", "carrier": "中国邮政", f"line_{order.lines.get().pk}": "1"},
    )

    # then
    assert error_codes(response) == {"__all__": ["illegal_status_transition"]}
    assert not Fulfillment.objects.exists()


@override_settings(STRIPE_SECRET_KEY="sk_test_sunshine")
def test_confirm_payment_of_a_stripe_order_refused(admin_client, channel, courier):
    # given an order paid online (no network call happens while placing it)
    order = place_order(channel, courier, producers=1, gateway="stripe")

    # when
    response = admin_client.post(
        operation_url("order", "confirm_payment", order.pk), {"operate": "yes"}
    )

    # then
    assert error_codes(response) == {"__all__": ["not_offline"]}
    assert Payment.objects.get(order=order).state == PaymentState.PENDING


# --- Who may reach them -------------------------------------------------------------------


def test_order_admin_not_staff_sent_to_sign_in(client, channel, courier):
    # given a signed-in customer who is not staff
    order = place_order(channel, courier, producers=1)
    client.force_login(new_user())
    urls = [
        ORDERS,
        reverse("admin:orders_order_change", args=[order.pk]),
        operation_url("order", "cancel", order.pk),
    ]

    # when
    responses = [client.post(url, {"operate": "yes"}) for url in urls]

    # then
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert all(r["Location"].startswith(reverse("admin:login")) for r in responses)
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED


def test_order_admin_staff_who_may_only_view_cannot_operate(client, channel, courier):
    # given a staff member with view permissions on orders only
    order = place_order(channel, courier, producers=1)
    viewer: User = new_user(is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_order", "view_suborder"])
    )
    client.force_login(viewer)

    # when
    listing = client.get(ORDERS)
    refused = client.post(operation_url("order", "cancel", order.pk), {"operate": "yes"})

    # then
    assert listing.status_code == 200
    assert listing.context["action_form"] is None  # no operation is offered
    assert refused.status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.UNCONFIRMED


def test_order_admin_has_no_add_change_or_delete(admin_client, channel, courier):
    # given
    order = place_order(channel, courier, producers=1)

    # when
    add = admin_client.get(reverse("admin:orders_order_add"))
    delete = admin_client.post(
        reverse("admin:orders_order_delete", args=[order.pk]), {"post": "yes"}
    )

    # then
    assert (add.status_code, delete.status_code) == (403, 403)
    assert Order.objects.filter(pk=order.pk).exists()

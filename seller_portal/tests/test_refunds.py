"""Money back to a buyer: the owner gives it at once, a helper's request waits for the owner."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from backend.audit.models import AuditEvent, AuditEventType
from backend.sellers.models import ConfirmationRequest, ConfirmationStatus, HelperScope
from backend.sellers.tests.factories import HelperGrantFactory

pytestmark = pytest.mark.django_db


def _url(shop, sub_order) -> str:  # type: ignore[no-untyped-def]
    return f"/en/seller/shop/{shop.pk}/orders/{sub_order.pk}/refund/"


@pytest.fixture
def paid(shop, place_paid_order):  # type: ignore[no-untyped-def]
    return place_paid_order().sub_orders.get(producer=shop)


def test_refund_by_owner_gives_the_money_back_at_once(client, seller, shop, paid):
    # given
    client.force_login(seller)
    detail = client.get(f"/en/seller/shop/{shop.pk}/orders/{paid.pk}/").content.decode()
    # when
    page = client.get(_url(shop, paid)).content.decode()
    response = client.post(_url(shop, paid), {"amount": "20.00"})
    # then
    assert f'href="{_url(shop, paid)}"' in detail
    assert f'value="{paid.total_amount}"' in page
    assert response["Location"] == f"/en/seller/shop/{shop.pk}/orders/{paid.pk}/"
    paid.refresh_from_db()
    assert paid.refunded_amount == Decimal("20.00")
    assert not ConfirmationRequest.objects.exists()


def test_refund_by_helper_waits_for_the_owner_to_confirm(client, seller, shop, paid):
    # given
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    client.force_login(helper)
    # when
    page = client.get(_url(shop, paid)).content.decode()
    client.post(_url(shop, paid), {"amount": "15.50"})
    # then
    assert "The seller must confirm this before any money moves." in page
    paid.refresh_from_db()
    assert paid.refunded_amount == 0
    request = ConfirmationRequest.objects.get()
    assert request.status == ConfirmationStatus.PENDING
    assert request.payload == {"sub_order": paid.pk, "amount": "15.50"}
    event = AuditEvent.objects.get(event_type=AuditEventType.CONFIRMATION_REQUESTED)
    assert (event.actor, event.on_behalf_of) == (helper, seller)
    # and when the owner confirms, the money goes back
    owner = Client()
    owner.force_login(seller)
    owner.post(f"/en/seller/shop/{shop.pk}/confirmations/{request.pk}/", {"decision": "confirm"})
    paid.refresh_from_db()
    assert paid.refunded_amount == Decimal("15.50")


@pytest.mark.parametrize("amount", ["0", "-1", "99999", "1.234", "abc", ""])
def test_refund_amount_out_of_range_keeps_the_page(client, seller, shop, paid, amount):
    client.force_login(seller)
    response = client.post(_url(shop, paid), {"amount": amount})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_amount"' in html
    paid.refresh_from_db()
    assert paid.refunded_amount == 0


def test_refund_of_an_unpaid_order_is_not_offered(client, seller, shop, channel):
    from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
    from backend.orders.complete_checkout import complete_checkout

    order = complete_checkout(
        ready_checkout(
            channel, [(listed_variant(channel, producer=shop), 1)], method=make_courier()
        ),
        actor=None,
        gateway="offline.bank_transfer",
    )
    sub_order = order.sub_orders.get()
    client.force_login(seller)
    detail = client.get(f"/en/seller/shop/{shop.pk}/orders/{sub_order.pk}/").content.decode()
    response = client.get(_url(shop, sub_order))
    assert "/refund/" not in detail
    assert response.status_code == 302


def test_refund_helper_for_products_only_gets_404(client, shop, paid):
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.PRODUCTS).helper
    client.force_login(helper)
    assert client.get(_url(shop, paid)).status_code == 404


def test_refund_form_refuses_posts_without_csrf(seller, shop, paid):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seller)
    assert strict.post(_url(shop, paid), {"amount": "1.00"}).status_code == 403

"""Two calls placing the same accepted quote's order at the same moment, in real threads with
their own connections: one procurement order, its stock set aside once."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction

from backend.orders.models import Order
from backend.orders.tests.test_concurrency import errors_of, run_in_threads
from backend.procurement.models import ProcurementOrder
from backend.procurement.quote_orders import create_procurement_order_for_quote
from backend.procurement.tests.scenarios import enterprise_side
from backend.sourcing.matching import invite_producers
from backend.sourcing.models import Quote
from backend.sourcing.quotes import accept_quote, submit_quote
from backend.sourcing.tests.scenarios import posted_request, quote_draft, supplier
from backend.warehouse.models import Stock

# Every app but the regions (loaded once per session, kept by the flush after this test).
AVAILABLE_APPS = [app for app in settings.INSTALLED_APPS if app != "backend.regions"]


@pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
def test_two_placements_of_one_quote_racing_make_one_order(channel):  # type: ignore[no-untyped-def]
    # given a quote accepted while the producer was out of stock, then restocked
    side = enterprise_side(tag="qorace")
    s = supplier(channel, "qorace")
    request = posted_request(side)
    invite_producers(request.pk)
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 80, "9.00"), actor=s.owner)
    Stock.objects.filter(product_variant=s.variant).update(quantity=0)
    accept_quote(quote, actor=side.buyer)
    assert Quote.objects.get(pk=quote.pk).procurement_order_id is None
    Stock.objects.filter(product_variant=s.variant).update(quantity=100)
    assert not transaction.get_connection().in_atomic_block
    # when the buyer and the approver place it at the same moment
    results = run_in_threads(
        [
            lambda: create_procurement_order_for_quote(
                Quote.objects.get(pk=quote.pk), actor=side.buyer
            ),
            lambda: create_procurement_order_for_quote(
                Quote.objects.get(pk=quote.pk), actor=side.approver
            ),
        ]
    )
    # then both get the same single order
    assert errors_of(results) == [], results
    assert len({order.pk for _kind, order in results}) == 1
    assert ProcurementOrder.objects.count() == 1
    assert Order.objects.filter(procurement_order__isnull=False).count() == 1
    assert Stock.objects.get(product_variant=s.variant).quantity_allocated == 80

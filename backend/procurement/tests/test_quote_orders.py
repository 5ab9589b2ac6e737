"""`create_procurement_order_for_quote`: an accepted quote becomes one contract-less delivery at
the quoted price, allocated by checkout's code; idempotent; refused below the floor; with too
little stock nothing is written and the quote stays accepted until the order is placed again."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.audit.models import AuditEvent
from backend.orders.models import Order
from backend.procurement.errors import ProcurementError, ProcurementErrorCode
from backend.procurement.events import ProcurementEventType as E
from backend.procurement.models import (
    LinePriceRule,
    MarketPrice,
    ProcurementOrder,
    ProcurementOrderStatus,
)
from backend.procurement.quote_orders import create_procurement_order_for_quote
from backend.sourcing.models import Quote, QuoteStatus
from backend.sourcing.quotes import accept_quote, submit_quote
from backend.sourcing.tests.scenarios import (
    floor,
    posted_request,
    quote_draft,
    supplier,
)
from backend.warehouse.models import Allocation, Stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """A 500 g bag under a 10.00/kg floor, quoted 80 bags at 6.00 on a 90 kg request."""
    s = supplier(channel, "a")
    floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 80, "6.00"), actor=s.owner)
    return s, quote


def allocated(variant) -> int:  # type: ignore[no-untyped-def]
    return Stock.objects.get(product_variant=variant).quantity_allocated


def test_accept_quote_creates_allocated_procurement_order_at_quoted_price(side, offer):  # type: ignore[no-untyped-def]
    # given
    s, quote = offer
    # when
    accept_quote(quote, actor=side.buyer, units=60)
    # then one scheduled delivery of 60 bags at 6.00 for the quote's day, to the request's site
    quote.refresh_from_db()
    delivery = quote.procurement_order
    assert delivery is not None
    assert delivery.contract_id is None
    assert (delivery.enterprise_id, delivery.producer_id) == (side.enterprise.pk, s.producer.pk)
    assert delivery.status == ProcurementOrderStatus.SCHEDULED
    assert delivery.delivery_date == quote.available_on
    assert delivery.total_amount == Decimal("360.00")
    line = delivery.lines.get()
    assert (line.quantity, line.unit_price_amount, line.total_price_amount) == (
        60,
        Decimal("6.00"),
        Decimal("360.00"),
    )
    assert line.price_rule == LinePriceRule.QUOTED
    assert line.settlement_amount_per_kg == Decimal("12.00")
    assert line.floor_amount_per_kg == Decimal("10.00")
    # no market price recorded: the quoted price is the market reference
    assert line.market_amount_per_kg == Decimal("12.00")
    assert line.contract_line_id is None
    order = delivery.order
    assert order.total_amount == Decimal("360.00")
    assert order.address_detail == side.site.address_detail
    assert order.lines.get().procurement_line == line
    assert allocated(s.variant) == 60
    assert Allocation.objects.filter(order_line__order=order).get().quantity_allocated == 60
    events = AuditEvent.objects.filter(
        subject_type="procurement.procurementorder", subject_id=str(delivery.pk)
    )
    assert [(e.event_type, e.extra_data["quote"]) for e in events] == [
        (E.DELIVERY_SCHEDULED, quote.pk)
    ]


def test_create_procurement_order_for_quote_twice_returns_same_order(side, offer):  # type: ignore[no-untyped-def]
    # given an accepted quote already ordered
    s, quote = offer
    accept_quote(quote, actor=side.buyer)
    first = Quote.objects.get(pk=quote.pk).procurement_order
    # when
    again = create_procurement_order_for_quote(quote, actor=side.buyer)
    again_fresh = create_procurement_order_for_quote(
        Quote.objects.get(pk=quote.pk), actor=side.approver
    )
    # then nothing more is ordered or set aside
    assert first is not None
    assert again.pk == again_fresh.pk == first.pk
    assert ProcurementOrder.objects.count() == 1
    assert Order.objects.count() == 1
    assert allocated(s.variant) == 80
    assert AuditEvent.objects.filter(event_type=E.DELIVERY_SCHEDULED).count() == 1


def test_market_price_recorded_is_the_reference_of_the_quote_line(side, offer):  # type: ignore[no-untyped-def]
    # given a market reference price of 11.20/kg on the delivery day
    s, quote = offer
    MarketPrice.objects.create(
        product=s.variant.product,
        period_start=timezone.localdate(),
        period_end=quote.available_on,
        amount_per_kg=Decimal("11.20"),
        source="县农业农村局价格监测",
    )
    # when
    accept_quote(quote, actor=side.buyer)
    # then the line settles at the quote, recording the market beside it
    line = Quote.objects.get(pk=quote.pk).procurement_order.lines.get()  # type: ignore[union-attr]
    assert (line.market_amount_per_kg, line.settlement_amount_per_kg) == (
        Decimal("11.20"),
        Decimal("12.00"),
    )


def test_floor_raised_after_quote_refused_below_floor_nothing_written(side, offer):  # type: ignore[no-untyped-def]
    # given the county raises the floor to 12.50/kg (6.25 a bag) after the 6.00 quote
    s, quote = offer
    floor(s.variant, "12.50")
    # when the enterprise accepts
    accepted = accept_quote(quote, actor=side.buyer)
    with pytest.raises(ProcurementError) as refused:
        create_procurement_order_for_quote(accepted, actor=side.buyer)
    # then the acceptance stands, no order is placed, and the refusal names the floor
    assert refused.value.code == ProcurementErrorCode.BELOW_FLOOR
    assert refused.value.data["floor_per_kg"] == Decimal("12.50")
    assert "12.50" in str(refused.value.message)
    quote.refresh_from_db()
    assert (quote.status, quote.procurement_order_id) == (QuoteStatus.ACCEPTED, None)
    assert not ProcurementOrder.objects.exists()
    assert not Order.objects.exists()
    assert allocated(s.variant) == 0


def test_insufficient_stock_nothing_written_quote_stays_accepted_then_placed(side, offer):  # type: ignore[no-untyped-def]
    # given the producer has only 30 of the 80 bags left when the enterprise accepts
    s, quote = offer
    Stock.objects.filter(product_variant=s.variant).update(quantity=30)
    # when
    accepted = accept_quote(quote, actor=side.buyer)
    with pytest.raises(ProcurementError) as short:
        create_procurement_order_for_quote(accepted, actor=side.buyer)
    # then a coded error, nothing written, the quote accepted without an order
    assert short.value.code == ProcurementErrorCode.INSUFFICIENT_STOCK
    assert short.value.data["shortfalls"] == [(s.variant.pk, 80, 30)]
    assert "30" in str(short.value.message)
    quote.refresh_from_db()
    assert (quote.status, quote.units_accepted, quote.procurement_order_id) == (
        QuoteStatus.ACCEPTED,
        80,
        None,
    )
    assert not ProcurementOrder.objects.exists()
    assert not Order.objects.exists()
    assert allocated(s.variant) == 0
    assert not AuditEvent.objects.filter(event_type=E.DELIVERY_SCHEDULED).exists()
    # when the producer restocks, placing it again succeeds
    Stock.objects.filter(product_variant=s.variant).update(quantity=100)
    delivery = create_procurement_order_for_quote(quote, actor=side.buyer)
    # then
    assert delivery.total_amount == Decimal("480.00")
    assert Quote.objects.get(pk=quote.pk).procurement_order_id == delivery.pk
    assert allocated(s.variant) == 80


def test_create_procurement_order_for_open_quote_refused(side, offer):  # type: ignore[no-untyped-def]
    # given a quote nobody decided on
    _s, quote = offer
    # when
    with pytest.raises(ProcurementError) as refused:
        create_procurement_order_for_quote(quote, actor=side.buyer)
    # then
    assert refused.value.code == ProcurementErrorCode.ILLEGAL_TRANSITION
    assert not ProcurementOrder.objects.exists()


def test_quote_order_per_kg_rounding_never_below_floor(
    channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given a 333 g pack under a 3.34/kg floor: the floor per pack is 1.11 (1.1122 rounded)
    s = supplier(channel, "r", grams=333)
    floor(s.variant, "3.34")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side, unit="unit", quantity=Decimal("10"))
    quote = submit_quote(
        request,
        s.producer,
        quote_draft(
            s.variant, 10, "1.11", available_on=timezone.localdate() + datetime.timedelta(days=3)
        ),
        actor=s.owner,
    )
    # when
    accept_quote(quote, actor=side.buyer)
    # then 1.11 a pack is 3.333/kg, recorded at the floor it was checked against
    line = Quote.objects.get(pk=quote.pk).procurement_order.lines.get()  # type: ignore[union-attr]
    assert line.unit_price_amount == Decimal("1.11")
    assert line.settlement_amount_per_kg == Decimal("3.34")
    assert line.total_price_amount == Decimal("11.10")

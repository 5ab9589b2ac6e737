"""The demo quote order: after `load_demo()`, the 春生 shop's quote on the leading agricultural
enterprise's open request is accepted and becomes one procurement order, loaded twice without
duplicates; the request stays open with the other quote to decide."""

from __future__ import annotations

import pytest

from backend.demo.loading import load_demo
from backend.demo.loading.quoteorders import load_demo_quoteorders
from backend.orders.models import OrderStatus
from backend.procurement.models import ProcurementOrder, ProcurementOrderStatus
from backend.sourcing.models import Quote, QuoteStatus, RequestStatus

pytestmark = pytest.mark.django_db


def test_load_demo_quoteorders_twice_one_order_request_still_open(tmp_path, settings):  # type: ignore[no-untyped-def]
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()
    # when
    first = load_demo_quoteorders()
    counts = (ProcurementOrder.objects.count(), Quote.objects.count())
    second = load_demo_quoteorders()
    # then
    assert first is not None
    assert second is not None
    assert first.pk == second.pk
    assert (ProcurementOrder.objects.count(), Quote.objects.count()) == counts
    quote = Quote.objects.select_related("request").get(procurement_order=first)
    assert quote.producer.slug == "chunsheng-herbs"
    assert quote.status == QuoteStatus.ACCEPTED
    assert first.contract_id is None
    assert first.status == ProcurementOrderStatus.SCHEDULED
    assert first.total_amount == quote.accepted_amount
    assert first.order.sub_orders.get().status == OrderStatus.UNFULFILLED
    assert quote.request.status == RequestStatus.OPEN
    other = quote.request.quotes.exclude(pk=quote.pk).get()
    assert other.status == QuoteStatus.SUBMITTED

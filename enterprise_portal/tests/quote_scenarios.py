"""Builders for quote-order tests: producers' quotes on an enterprise's posted request, accepted,
each of which became a procurement order (a delivery with no contract) — or, when the producer
was short of stock, an accepted quote with no order yet."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from backend.catalog.models import Channel
from backend.procurement.models import ProcurementOrder
from backend.procurement.tests.scenarios import Side
from backend.sourcing.models import PurchaseRequest, Quote
from backend.sourcing.quotes import accept_quote, submit_quote
from backend.sourcing.tests.scenarios import Supplier, floor, posted_request, quote_draft, supplier
from backend.warehouse.models import Stock


@dataclass
class QuoteOrder:
    supplier: Supplier
    quote: Quote
    delivery: ProcurementOrder | None


@dataclass(frozen=True)
class Offer:
    tag: str = "a"
    units: int = 80
    price: str = "6.00"
    in_stock: bool = True


def answered_request(
    channel: Channel,
    side: Side,
    offers: list[Offer],
    *,
    on_commit: Callable[..., AbstractContextManager[Any]] | None = None,
) -> tuple[PurchaseRequest, list[QuoteOrder]]:
    """The producers exist first (posting invites them, on commit: pass
    `django_capture_on_commit_callbacks` outside transactional tests), each quotes, the buyer
    accepts every quote in full."""
    suppliers = [supplier(channel, offer.tag) for offer in offers]
    for s in suppliers:
        floor(s.variant)
    with on_commit(execute=True) if on_commit else contextlib.nullcontext():
        request = posted_request(side)
    orders = []
    for s, offer in zip(suppliers, offers, strict=True):
        draft = quote_draft(s.variant, offer.units, offer.price)
        quote = submit_quote(request, s.producer, draft, actor=s.owner)
        if not offer.in_stock:
            Stock.objects.filter(product_variant=s.variant).update(quantity=0)
        accept_quote(quote, actor=side.buyer)
        quote.refresh_from_db()
        delivery = (
            None
            if quote.procurement_order_id is None
            else ProcurementOrder.objects.get(pk=quote.procurement_order_id)
        )
        orders.append(QuoteOrder(s, quote, delivery))
    return request, orders

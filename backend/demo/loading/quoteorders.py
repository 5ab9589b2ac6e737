"""Demo quote order: on the leading agricultural enterprise's open request for 一级党参
(`backend.demo.loading.enterprises`), its buyer accepts the 春生 herb shop's quote, which becomes
a procurement order (a delivery of the quote's units, stock set aside) that the shop sees among
its orders to ship. The request stays open for the rest, with the 会川 cooperative's quote still
to decide.

Runs after `load_demo()` (which loads the enterprises). Idempotent: an accepted quote is not
accepted again and its order is made once (`create_procurement_order_for_quote` returns the
existing one). No new sign-ins: agri-buyer@demo.sunshine.test (the enterprise) and the 春生
shop's owner (the seller portal) are the demo loaders' own.
"""

from __future__ import annotations

from django.test import override_settings

from backend.accounts.models import User
from backend.demo.loading.enterprises import AGRI, REQUEST_NAME
from backend.demo.loading.orders import can_place_orders
from backend.procurement.errors import ProcurementError
from backend.procurement.models import ProcurementOrder
from backend.procurement.quote_orders import create_procurement_order_for_quote
from backend.sourcing.models import Quote, QuoteStatus, RequestStatus
from backend.sourcing.quotes import accept_quote

SHOP_SLUG = "chunsheng-herbs"


def load_demo_quoteorders() -> ProcurementOrder | None:
    """Accept the 春生 quote and return its procurement order (None: the demo request, quote or
    stock is not there)."""
    if not can_place_orders():
        return None
    quote = (
        Quote.objects.select_related("request", "producer")
        .filter(
            request__enterprise__name=AGRI.name,
            request__product_name=REQUEST_NAME,
            producer__slug=SHOP_SLUG,
        )
        .first()
    )
    if quote is None:
        return None
    buyer = User.objects.filter(email=AGRI.people[1].email).first()
    if buyer is None:
        return None
    if quote.status == QuoteStatus.SUBMITTED and quote.request.status == RequestStatus.OPEN:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            accept_quote(quote, actor=buyer)
        quote.refresh_from_db()
    if quote.status != QuoteStatus.ACCEPTED:
        return None
    try:
        return create_procurement_order_for_quote(quote, actor=buyer)
    except ProcurementError:
        return None
